// Killing an ingest midway (SIGKILL: no cleanup at all) and running it again gives the totals of one clean run.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { writeDemoHistory } from '../../src/app/demo-history.ts';
import { openSqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { runUntilKilled } from '../helpers/kill-child.ts';
import { ingestInto, pricer, totals } from '../helpers/ledger.ts';


test('an ingest killed with SIGKILL midway resumes to the totals of one clean run', async (t) => {
  const dir = tempDir(t);
  const claude = path.join(dir, 'claude');
  writeDemoHistory(claude, Date.parse('2026-06-15T12:00:00Z'));

  const clean = openSqliteLedger(path.join(dir, 'clean.db'), { pricer });
  t.after(() => clean.close());
  await ingestInto(clean, claude);
  const expected = await totals(clean);
  assert.ok(expected.requests > 500, `the fixture should need many batches (${expected.requests} requests)`);

  const crashed = path.join(dir, 'crashed.db');
  const run = await runUntilKilled(path.join(import.meta.dirname, '../helpers/ingest-child.ts'), [crashed, claude], 5);
  assert.equal(run.signal, 'SIGKILL');
  const partial = openSqliteLedger(crashed, { pricer });
  t.after(() => partial.close());
  const midway = await totals(partial);
  assert.ok(midway.requests > 0 && midway.requests < expected.requests, `killed midway: ${midway.requests} of ${expected.requests}`);

  await ingestInto(partial, claude);
  const resumed = await totals(partial);
  assert.deepEqual({ ...resumed, costUSD: 0 }, { ...expected, costUSD: 0 });
  assert.ok(Math.abs(resumed.costUSD - expected.costUSD) < 1e-9 * expected.costUSD, `${resumed.costUSD} vs ${expected.costUSD}`);
});
