// Ingest helpers: a fresh SQLite ledger over a fixture tree, and totals the way reports compute them.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { openSqliteLedger, type SqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { Pricer } from '../../src/pricing/cost.ts';
import { SHIPPED_TABLE } from '../../src/pricing/price-table.ts';
import type { GroupBy } from '../../src/ledger/ledger.ts';
import { ingest, type IngestReport } from '../../src/sources/transcripts/ingest.ts';
import type { DiscoveryEnv } from '../../src/sources/transcripts/discover.ts';
import { addUsage, pickUsage, zeroUsage, type Usage } from '../../src/model/usage.ts';
import { tempDir } from './fixtures.ts';

export const pricer = new Pricer(SHIPPED_TABLE);

export function newLedger(t: TestContext, dir = tempDir(t)): SqliteLedger {
  const ledger = openSqliteLedger(path.join(dir, 'ledger.db'), { pricer });
  t.after(() => ledger.close());
  return ledger;
}

/** Ingests `claudeDir`; with `workers` > 0 the worker threads write through their own connections. */
export async function ingestInto(ledger: SqliteLedger, claudeDir: string, workers = 0): Promise<IngestReport> {
  return ingest(ledger, { env: { CLAUDE_CONFIG_DIR: claudeDir }, workers, parallel: { ledgerFile: ledger.file, priceTable: pricer.table } });
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

/** Ingests the roots `env` names, like `ingestInto`. */
export async function ingestEnv(ledger: SqliteLedger, env: DiscoveryEnv, workers = 0): Promise<IngestReport> {
  return ingest(ledger, { env, workers, parallel: { ledgerFile: ledger.file, priceTable: pricer.table } });
}

/** Usage per rollup key (summed over models), with the sub-agent request count of each key. */
export async function rollupBy(ledger: SqliteLedger, groupBy: GroupBy, tz = 'UTC'): Promise<Record<string, Usage & { agentRequests: number }>> {
  const out: Record<string, Usage & { agentRequests: number }> = {};
  for (const r of await ledger.rollup({ groupBy, tz })) {
    const have = (out[r.key] ??= { ...zeroUsage(), agentRequests: 0 });
    addUsage(have, r);
    have.agentRequests += r.agentRequests;
  }
  return out;
}

/** Every usage field exactly; cost within 1e-9 relative (it is a float sum). */
export function assertUsage(actual: Usage, expected: Usage): void {
  const { costUSD: gotCost, ...got } = pickUsage(actual);
  const { costUSD: wantCost, ...want } = pickUsage(expected);
  assert.deepEqual(got, want);
  assert.ok(Math.abs(gotCost - wantCost) <= 1e-9 * Math.max(1, Math.abs(wantCost)), `costUSD ${gotCost}, expected ${wantCost}`);
}

/** USD per million tokens, written out here from facts/pricing.json so costs are checked independently of src/pricing. */
export interface TestRates {
  input: number;
  output: number;
  write5m: number;
  write1h: number;
  read: number;
}
export const SONNET_4: TestRates = { input: 3, output: 15, write5m: 3.75, write1h: 6, read: 0.3 };
export const HAIKU_4_5: TestRates = { input: 1, output: 5, write5m: 1.25, write1h: 2, read: 0.1 };
export const OPUS_4_8: TestRates = { input: 5, output: 25, write5m: 6.25, write1h: 10, read: 0.5 };
export const OPUS_4_8_FAST: TestRates = { input: 10, output: 50, write5m: 12.5, write1h: 20, read: 1 };
export const WEB_SEARCH_USD = 0.01;

/** One request's usage and cost; `write` is all cache writes, `write1h` the 1h part of them. */
export function request(rates: TestRates, u: { input?: number; output?: number; write?: number; write1h?: number; read?: number; webSearch?: number }): Usage {
  const input = u.input ?? 0, output = u.output ?? 0, write = u.write ?? 0, write1h = u.write1h ?? 0, read = u.read ?? 0, webSearch = u.webSearch ?? 0;
  const costUSD = (input * rates.input + output * rates.output + (write - write1h) * rates.write5m + write1h * rates.write1h + read * rates.read) / 1e6 + webSearch * WEB_SEARCH_USD;
  return { requests: 1, inputTokens: input, outputTokens: output, cacheCreationTokens: write, cacheCreation1hTokens: write1h, cacheReadTokens: read, webSearchRequests: webSearch, costUSD };
}

/** The sum of several requests' usage. */
export function sum(...parts: Usage[]): Usage {
  return parts.reduce((a, b) => addUsage(a, b), zeroUsage());
}
