// Ingest helpers: a fresh SQLite ledger over a fixture tree, and totals the way reports compute them.
import path from 'node:path';
import type { TestContext } from 'node:test';
import { openSqliteLedger, type SqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { Pricer } from '../../src/pricing/cost.ts';
import { SHIPPED_TABLE } from '../../src/pricing/price-table.ts';
import { ingest, type IngestReport } from '../../src/sources/transcripts/ingest.ts';
import { addUsage, zeroUsage, type Usage } from '../../src/model/usage.ts';
import { tempDir } from './fixtures.ts';

export const pricer = new Pricer(SHIPPED_TABLE);

export function newLedger(t: TestContext, dir = tempDir(t)): SqliteLedger {
  const ledger = openSqliteLedger(path.join(dir, 'ledger.db'), { pricer });
  t.after(() => ledger.close());
  return ledger;
}

export async function ingestInto(ledger: SqliteLedger, claudeDir: string, workers = 0): Promise<IngestReport> {
  return ingest(ledger, { env: { CLAUDE_CONFIG_DIR: claudeDir }, workers });
}

export async function totals(ledger: SqliteLedger): Promise<Usage> {
  const t = zeroUsage();
  for (const r of await ledger.rollup({ groupBy: 'all', tz: 'UTC' })) addUsage(t, r);
  return t;
}

/** A fresh ledger, one ingest of `claudeDir`, its totals. */
export async function ingestTotals(t: TestContext, claudeDir: string): Promise<Usage & { report: IngestReport }> {
  const ledger = newLedger(t);
  const report = await ingestInto(ledger, claudeDir);
  return { ...(await totals(ledger)), report };
}
