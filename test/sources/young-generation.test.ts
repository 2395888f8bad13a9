// The young-generation hold on this Node's V8 (young-generation.ts): once the main thread's young generation
// has reached 8 MB it grows no further, and scan workers still reach their whole 8 MB under the hold. Each
// case runs in a child process: the flags are process-wide.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

const MODULE = path.join(import.meta.dirname, '../../src/sources/transcripts/young-generation.ts');
const MB = 1024 * 1024;

/** Runs `body` in a child with `young()`, `churn()` and `worker(prepare)` in scope; returns what it put in `out`. */
function child(body: string): Record<string, number> {
  const script = `import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { startWorkersFullSize, holdYoungGeneration } from ${JSON.stringify(MODULE)};
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
// allocates objects of which a share survives several collections: what makes V8 grow a young generation
function churn(rounds) {
  let keep = [];
  for (let i = 0; i < rounds; i++) {
    keep.push({ i, s: 'x' + i });
    if (keep.length > 100000) keep = [];
  }
  return keep.length;
}
// a worker with the scan workers' limit, churning: its young generation at the end
const worker = () => new Promise((resolve) => {
  const w = new Worker(\`const v8 = process.getBuiltinModule('node:v8');
${'$'}{churn.toString()}
churn(3e6);
process.getBuiltinModule('node:worker_threads').parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);\`, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  w.once('message', (n) => w.terminate().then(() => resolve(n)));
});
const out = {};
${body}
process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, number>;
}

test('without the hold, churn grows the young generation past 8 MB', () => {
  const free = child('churn(3e6); out.young = young();');
  assert.ok(free.young! > 8 * MB, `${free.young! / MB} MB`);
});

test('the hold waits for the young generation to reach 8 MB, then stops its growth', () => {
  const held = child(`holdYoungGeneration(); churn(1e4); out.early = young();
while (young() < 8 * ${MB}) churn(1e4);
holdYoungGeneration(); out.at = young(); churn(3e6); out.young = young();`);
  assert.ok(held.early! < 8 * MB, 'too early: nothing held yet');
  assert.equal(held.young, held.at);
  assert.ok(held.at! >= 8 * MB && held.at! <= 16 * MB, `${held.at! / MB} MB`);
});

test('scan workers started after startWorkersFullSize still reach their 8 MB under the hold', () => {
  const small = child(`while (young() < 8 * ${MB}) churn(1e4);
holdYoungGeneration(); out.worker = await worker();`);
  assert.ok(small.worker! < 8 * MB, `without it a worker stays small: ${small.worker! / MB} MB`);
  const full = child(`while (young() < 8 * ${MB}) churn(1e4);
holdYoungGeneration(); startWorkersFullSize(); out.worker = await worker();`);
  assert.equal(full.worker, 8 * MB);
});
