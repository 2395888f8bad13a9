// A sync killed with SIGKILL midway (after some batches were stored, possibly with one stored but not yet
// acknowledged) resumes on the next run: the server ends with exactly the machine's totals.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { writeDemoHistory } from '../../src/app/demo-history.ts';
import { openApp } from '../../src/app/context.ts';
import { listen } from '../../src/surfaces/server/serve.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { runUntilKilled } from '../helpers/kill-child.ts';
import { assertUsage } from '../helpers/ledger.ts';
import { noPostgres } from '../helpers/postgres.ts';
import { localTotals, serverTotals, sync, teamRig } from './helpers.ts';


test('a sync killed with SIGKILL midway resumes without loss or duplication', { skip: noPostgres }, async (t) => {
  const rig = await teamRig(t);
  const token = await rig.member('alice');
  const server = await listen(rig.app, '127.0.0.1', 0);
  t.after(() => server.close());
  const dir = tempDir(t);
  const [home, claude] = [path.join(dir, 'home'), path.join(dir, 'claude')];
  writeDemoHistory(claude, Date.parse('2026-06-15T12:00:00Z'));
  const app = await openApp({ CCMETER_HOME: home, CLAUDE_CONFIG_DIR: claude, HOME: dir, TZ: 'UTC' });
  t.after(() => app.close());
  const expected = await localTotals(app);
  assert.ok(expected.requests > 500, `the fixture should need many batches (${expected.requests} requests)`);

  const run = await runUntilKilled(path.join(import.meta.dirname, 'sync-child.ts'), [home, claude, server.url, token], 4);
  assert.equal(run.signal, 'SIGKILL');
  const midway = await serverTotals(rig.store);
  assert.ok(midway.requests >= 200 && midway.requests < expected.requests, `killed midway: ${midway.requests} of ${expected.requests}`);

  const resumed = await sync(app, { url: server.url, token, batchSize: 50 });
  assert.ok(resumed.requests < expected.requests, `resumed from the cursor: ${resumed.requests} pushed`);
  assertUsage(await serverTotals(rig.store), expected);
});
