// Worker threads started before their read (a first run): taken by the read, or stopped when it is small.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discardPrewarmedWorkers, prewarmedWorkerCount, prewarmScanWorkers } from '../../src/sources/transcripts/parallel.ts';
import { assistant, tempDir, writeProjects } from '../helpers/fixtures.ts';
import { ingestInto, newLedger, totals } from '../helpers/ledger.ts';
import { ccmeter } from '../helpers/cli.ts';

const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i % 3}/s${i}.jsonl`, [assistant({ id: `msg_${i}`, usage: { output_tokens: 10 * i } }), assistant({ id: `msg_${i}`, usage: { output_tokens: 10 * i + 5 } })]]));

test('a prewarmed worker is the one the read uses, and writes what a fresh worker or the main thread would', async (t) => {
  const dir = writeProjects(tempDir(t), files);
  const alone = newLedger(t);
  await ingestInto(alone, dir, 0);
  prewarmScanWorkers(1);
  assert.equal(prewarmedWorkerCount(), 1);
  const warm = newLedger(t);
  const report = await ingestInto(warm, dir, 1);
  assert.equal(prewarmedWorkerCount(), 0, 'the read took it');
  assert.equal(report.filesRead, 12);
  assert.deepEqual(await totals(warm), await totals(alone));
  assert.equal((await totals(warm)).outputTokens, Array.from({ length: 12 }, (_, i) => 10 * i + 5).reduce((a, b) => a + b));
});

test('prewarmed workers nobody takes are stopped, and do not keep the process alive meanwhile', () => {
  prewarmScanWorkers(2);
  prewarmScanWorkers(2);
  assert.equal(prewarmedWorkerCount(), 2, 'asking again does not start more');
  discardPrewarmedWorkers();
  assert.equal(prewarmedWorkerCount(), 0);
});

test('a first run through the CLI, its worker prewarmed, reports what a run on the main thread alone reports', (t) => {
  const dir = writeProjects(tempDir(t), files);
  const run = (workers: string) => {
    const r = ccmeter(['daily', '--json'], { CLAUDE_CONFIG_DIR: dir, CCMETER_HOME: tempDir(t), TZ: 'UTC', CCMETER_WORKERS: workers, CCMETER_OFFLINE: '1' });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { totals: { requests: number; outputTokens: number } };
  };
  const parallel = run('1');
  assert.deepEqual(parallel, run('0'));
  assert.equal(parallel.totals.requests, 12);
});
