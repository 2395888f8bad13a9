// Incremental ingest (facts/transcripts.md §7.5, §8): a second run reads only what was appended and ends with
// the totals of one clean run; replaced, shrunk or rewritten files are read again without double counting;
// deleted files keep their requests; a last line finished later counts once; worker threads change nothing.
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { SqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { assistant, tempDir, writeProjects } from '../helpers/fixtures.ts';
import { assertUsage, ingestEnv, ingestInto, newLedger, request, rollupBy, SONNET_4, sum, totals } from '../helpers/ledger.ts';
import { build, CUT_LINE, ORIGINAL, type ScenarioName } from '../helpers/scenarios.ts';

const m = (id: string, output: number) => assistant({ id, usage: { output_tokens: output } });
const bytes = (lines: string[]) => Buffer.byteLength(lines.map((l) => l + '\n').join(''));
const M1 = m('msg_1', 1), M2 = m('msg_2', 20), M3 = m('msg_3', 300);
const u = (output: number) => request(SONNET_4, { input: 10, output });

async function cleanTotals(t: Parameters<typeof newLedger>[0], dir: string) {
  const ledger = newLedger(t);
  await ingestInto(ledger, dir);
  return totals(ledger);
}

async function sessionsAndDays(ledger: SqliteLedger) {
  return { sessions: await rollupBy(ledger, 'session'), days: await rollupBy(ledger, 'day') };
}

test('a second run reads only the appended bytes, merges a grown group, and ends with the totals of one clean run', async (t) => {
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': [m('msg_a', 5), m('msg_a', 50), M2] });
  const file = path.join(dir, 'projects/proj/s.jsonl');
  const ledger = newLedger(t);
  await ingestInto(ledger, dir);
  const appended = [m('msg_a', 500), M3];
  appendFileSync(file, appended.join('\n') + '\n');
  const second = await ingestInto(ledger, dir);
  assert.equal(second.filesRead, 1);
  assert.equal(second.bytesRead, bytes(appended));
  assertUsage(await totals(ledger), sum(u(500), u(20), u(300)));
  assertUsage(await totals(ledger), await cleanTotals(t, dir));
  const third = await ingestInto(ledger, dir);
  assert.equal(third.filesRead, 0);
  assert.equal(third.bytesRead, 0);
});

test('a file that shrank is read again from the start without double counting', async (t) => {
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': [M1, M2, M3] });
  const ledger = newLedger(t);
  await ingestInto(ledger, dir);
  writeFileSync(path.join(dir, 'projects/proj/s.jsonl'), M1 + '\n');
  const second = await ingestInto(ledger, dir);
  assert.equal(second.bytesRead, bytes([M1]));
  assertUsage(await totals(ledger), sum(u(1), u(20), u(300)));
});

test('a file replaced by rename (new inode, same first bytes, longer) is read again from the start', async (t) => {
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': [M1, M2] });
  const file = path.join(dir, 'projects/proj/s.jsonl');
  const ledger = newLedger(t);
  await ingestInto(ledger, dir);
  const before = statSync(file).ino;
  writeFileSync(file + '.tmp', [M1, M2, M3].join('\n') + '\n');
  renameSync(file + '.tmp', file);
  assert.notEqual(statSync(file).ino, before);
  const second = await ingestInto(ledger, dir);
  assert.equal(second.bytesRead, bytes([M1, M2, M3]));
  assertUsage(await totals(ledger), sum(u(1), u(20), u(300)));
});

test('a file truncated and rewritten longer with other first bytes (same inode) is read again from the start', async (t) => {
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': [M1, M2] });
  const file = path.join(dir, 'projects/proj/s.jsonl');
  const ledger = newLedger(t);
  await ingestInto(ledger, dir);
  const M0 = m('msg_0', 4000);
  writeFileSync(file, [M0, M1, M2, M3].join('\n') + '\n');
  const second = await ingestInto(ledger, dir);
  assert.equal(second.bytesRead, bytes([M0, M1, M2, M3]));
  assertUsage(await totals(ledger), sum(u(4000), u(1), u(20), u(300)));
});

test('a rewrite that keeps the first KiB but moves the line boundaries is read again from the start', async (t) => {
  const long = assistant({ id: 'msg_long', content: [{ type: 'text', text: 'x'.repeat(2000) }], usage: { output_tokens: 7 } });
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': [long, M1] });
  const file = path.join(dir, 'projects/proj/s.jsonl');
  const ledger = newLedger(t);
  await ingestInto(ledger, dir);
  const longer = assistant({ id: 'msg_2', content: [{ type: 'text', text: 'y'.repeat(500) }], usage: { output_tokens: 20 } });
  writeFileSync(file, [long, longer, M3].join('\n') + '\n');
  const second = await ingestInto(ledger, dir);
  assert.equal(second.bytesRead, bytes([long, longer, M3]));
  assertUsage(await totals(ledger), sum(u(7), u(1), u(20), u(300)));
});

test('a deleted transcript keeps its requests in the ledger', async (t) => {
  const dir = writeProjects(tempDir(t), { 'proj/a.jsonl': [M1, M2], 'proj/b.jsonl': [M3] });
  const ledger = newLedger(t);
  await ingestInto(ledger, dir);
  rmSync(path.join(dir, 'projects/proj/a.jsonl'));
  const second = await ingestInto(ledger, dir);
  assert.equal(second.filesKnown, 1);
  assert.equal(second.filesRead, 0);
  assertUsage(await totals(ledger), sum(u(1), u(20), u(300)));
});

test('a last line still being written is read once finished: counted exactly once', async (t) => {
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': { raw: M1 + '\n' + CUT_LINE.slice(0, 200) } });
  const file = path.join(dir, 'projects/proj/s.jsonl');
  const ledger = newLedger(t);
  const first = await ingestInto(ledger, dir);
  assert.equal(first.partialTails, 1);
  assertUsage(await totals(ledger), u(1));
  appendFileSync(file, CUT_LINE.slice(200, 400));
  assert.equal((await ingestInto(ledger, dir)).partialTails, 1);
  appendFileSync(file, CUT_LINE.slice(400) + '\n');
  const third = await ingestInto(ledger, dir);
  assert.equal(third.partialTails, 0);
  assert.equal(third.bytesRead, bytes([CUT_LINE]));
  assertUsage(await totals(ledger), sum(u(1), u(777)));
  assertUsage(await totals(ledger), await cleanTotals(t, dir));
  assert.equal((await ledger.stats()).partialTails, 0);
});

test('an id-less last line read before its newline arrived is not counted again after it', async (t) => {
  const idless = assistant({ id: null, requestId: null, usage: { output_tokens: 66 } });
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': { raw: M1 + '\n' + idless } });
  const ledger = newLedger(t);
  assert.equal((await ingestInto(ledger, dir)).partialTails, 0);
  assertUsage(await totals(ledger), sum(u(1), u(66)));
  appendFileSync(path.join(dir, 'projects/proj/s.jsonl'), '\n' + M2 + '\n');
  await ingestInto(ledger, dir);
  assertUsage(await totals(ledger), sum(u(1), u(66), u(20)));
  assertUsage(await totals(ledger), await cleanTotals(t, dir));
});

test('an id-less object glued in a complete last line is not counted again once the newline arrives', async (t) => {
  const glued = assistant({ id: null, requestId: null, usage: { output_tokens: 66 } }) + assistant({ id: 'msg_77', usage: { output_tokens: 77 } });
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': { raw: M1 + '\n' + glued } });
  const ledger = newLedger(t);
  assert.equal((await ingestInto(ledger, dir)).partialTails, 0);
  assertUsage(await totals(ledger), sum(u(1), u(66), u(77)));
  appendFileSync(path.join(dir, 'projects/proj/s.jsonl'), '\n' + M2 + '\n');
  await ingestInto(ledger, dir);
  assertUsage(await totals(ledger), sum(u(1), u(66), u(77), u(20)));
  assertUsage(await totals(ledger), await cleanTotals(t, dir));
});

test('an original session found after its resumed copy was stored takes back the date and the session', async (t) => {
  const { roots, env } = build(t, 'resumedSession');
  const original = path.join(roots[0]!, `projects/proj/${ORIGINAL}.jsonl`);
  renameSync(original, original + '.later');
  const ledger = newLedger(t);
  await ingestEnv(ledger, env);
  renameSync(original + '.later', original);
  await ingestEnv(ledger, env);
  const clean = newLedger(t);
  await ingestEnv(clean, env);
  assert.deepEqual(await sessionsAndDays(ledger), await sessionsAndDays(clean));
  assert.equal((await rollupBy(ledger, 'session'))[ORIGINAL]?.requests, 2);
});

test('worker threads give the same totals, sessions, days and report as the main thread alone', async (t) => {
  const names: ScenarioName[] = ['subagentFiles', 'resumedSession', 'gluedLines', 'splitLine', 'truncatedLastLine', 'idlessDuplicates', 'fastLine', 'offsetTimestamps'];
  const env = { CLAUDE_CONFIG_DIR: names.map((n) => build(t, n).roots.join(',')).join(',') };
  const alone = newLedger(t), threaded = newLedger(t);
  const a = await ingestEnv(alone, env, 0);
  const b = await ingestEnv(threaded, env, 1);
  assert.deepEqual(await totals(threaded), await totals(alone));
  assert.deepEqual(await sessionsAndDays(threaded), await sessionsAndDays(alone));
  assert.deepEqual([b.filesRead, b.bytesRead, b.badLines, b.partialTails], [a.filesRead, a.bytesRead, a.badLines, a.partialTails]);
  assert.equal(a.badLines, 2);
  assert.equal(a.partialTails, 1);
});

test('incremental runs on worker threads end with the totals of one clean run', async (t) => {
  const dir = writeProjects(tempDir(t), { 'proj/a.jsonl': [m('msg_a', 5), M1], 'proj/b.jsonl': [M2] });
  const ledger = newLedger(t);
  await ingestInto(ledger, dir, 1);
  const grown = m('msg_a', 55);
  appendFileSync(path.join(dir, 'projects/proj/a.jsonl'), grown + '\n');
  appendFileSync(path.join(dir, 'projects/proj/b.jsonl'), M3 + '\n');
  const second = await ingestInto(ledger, dir, 1);
  assert.equal(second.bytesRead, bytes([grown, M3]));
  assertUsage(await totals(ledger), sum(u(55), u(1), u(20), u(300)));
});

test('a tree that stats as it did after the last complete ingest loads no file states; appends, new and touched files are still read', async (t) => {
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': [M1, M2] });
  const file = path.join(dir, 'projects/proj/s.jsonl');
  const ledger = newLedger(t);
  const loads = { n: 0 };
  const fileStates = ledger.fileStates.bind(ledger);
  ledger.fileStates = () => (loads.n++, fileStates());
  await ingestInto(ledger, dir);
  assert.equal(loads.n, 1, 'an empty ledger has no stamp: the first run plans');
  const again = await ingestInto(ledger, dir);
  assert.deepEqual([again.filesKnown, again.filesRead, loads.n], [1, 0, 1], 'nothing changed: no plan');

  appendFileSync(file, M3 + '\n');
  const appended = await ingestInto(ledger, dir);
  assert.deepEqual([appended.filesRead, appended.bytesRead, loads.n], [1, bytes([M3]), 2]);
  assertUsage(await totals(ledger), sum(u(1), u(20), u(300)));

  writeFileSync(path.join(dir, 'projects/other.jsonl'), m('msg_new', 4000) + '\n');
  const added = await ingestInto(ledger, dir);
  assert.deepEqual([added.filesKnown, added.filesRead, loads.n], [2, 1, 3]);

  // same size, new mtime: planned again (and found to hold nothing new)
  const later = new Date(statSync(file).mtimeMs + 5_000);
  utimesSync(file, later, later);
  const touched = await ingestInto(ledger, dir);
  assert.deepEqual([touched.bytesRead, loads.n], [0, 4]);
  await ingestInto(ledger, dir);
  assert.equal(loads.n, 4);
  assertUsage(await totals(ledger), sum(u(1), u(20), u(300), u(4000)));

  // renamed (same size, mtime and inode, another path): planned again, nothing counted twice
  renameSync(path.join(dir, 'projects/other.jsonl'), path.join(dir, 'projects/renamed.jsonl'));
  const renamed = await ingestInto(ledger, dir);
  assert.deepEqual([renamed.filesKnown, loads.n], [2, 5]);
  // replaced by a copy with the same path, size and mtime (another inode): planned again
  const copy = path.join(dir, 'copy.tmp');
  copyFileSync(file, copy);
  const mtime = statSync(file).mtime;
  utimesSync(copy, mtime, mtime);
  renameSync(copy, file);
  const replaced = await ingestInto(ledger, dir);
  assert.equal(loads.n, 6);
  assert.equal(replaced.filesKnown, 2);
  await ingestInto(ledger, dir);
  assert.equal(loads.n, 6);
  assertUsage(await totals(ledger), sum(u(1), u(20), u(300), u(4000)));
  assertUsage(await totals(ledger), await cleanTotals(t, dir));
});

test('an ingest that fails midway records no stamp: the next run plans and reads everything left', async (t) => {
  const dir = writeProjects(tempDir(t), { 'a/s.jsonl': [M1], 'b/s.jsonl': [M2] });
  const ledger = newLedger(t);
  const applyBatch = ledger.applyBatch.bind(ledger);
  ledger.applyBatch = () => Promise.reject(new Error('database or disk is full'));
  await assert.rejects(ingestInto(ledger, dir), /disk is full/);
  ledger.applyBatch = applyBatch;
  const next = await ingestInto(ledger, dir);
  assert.equal(next.filesRead, 2);
  assertUsage(await totals(ledger), sum(u(1), u(20)));
});
