// The first run fills a new ledger without fsync (scan workers included) and ends with it checkpointed
// and durable; later runs are ordinary ones.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openApp } from '../../src/app/context.ts';
import { writeDemoHistory } from '../../src/app/demo-history.ts';
import { ccmeterPaths } from '../../src/shared/paths.ts';
import { tempDir } from '../helpers/fixtures.ts';

test('a first run with a scan worker leaves every request in the ledger file and an empty log', async (t) => {
  const dir = tempDir(t);
  const env = { CLAUDE_CONFIG_DIR: path.join(dir, 'claude'), CCMETER_HOME: path.join(dir, 'home'), HOME: dir, CCMETER_WORKERS: '1', TZ: 'UTC' };
  writeDemoHistory(env.CLAUDE_CONFIG_DIR, Date.parse('2026-06-15T12:00:00Z'));
  const wal = `${ccmeterPaths(env).ledger}-wal`;

  const first = await openApp(env);
  assert.equal(statSync(wal).size, 0, 'checkpointed into the ledger file');
  const [all] = await first.ledger.rollup({ groupBy: 'all', tz: 'UTC' }); // writes the summaries: an ordinary commit
  assert.ok(first.ingest!.filesRead > 1 && all!.requests > 100, `${first.ingest!.filesRead} files, ${all!.requests} requests`);
  await first.close();

  const again = await openApp(env);
  t.after(() => again.close());
  const [same] = await again.ledger.rollup({ groupBy: 'all', tz: 'UTC' });
  assert.equal(again.ingest!.filesRead, 0);
  assert.deepEqual(same, all);
});
