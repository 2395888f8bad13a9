// Malformed input seen in real files (facts/transcripts.md §8): skipped, counted, never fatal. A last line
// without its newline is left for the next run unless it is already one complete object.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertUsage, request, SONNET_4, sum } from '../helpers/ledger.ts';
import { ingestScenario } from '../helpers/scenarios.ts';

test('a truncated last line without newline is not counted and is reported as a partial tail, not a bad line', async (t) => {
  const got = await ingestScenario(t, 'truncatedLastLine');
  assertUsage(got.totals, sum(request(SONNET_4, { input: 10, output: 10 }), request(SONNET_4, { input: 10, output: 20 })));
  assert.equal(got.report.partialTails, 1);
  assert.equal(got.report.badLines, 0);
  const stats = await got.ledger.stats();
  assert.equal(stats.partialTails, 1);
  assert.equal(stats.badLines, 0);
});

test('a complete last line without newline is counted and is not a partial tail', async (t) => {
  const got = await ingestScenario(t, 'completeLastLineNoNewline');
  assertUsage(got.totals, sum(request(SONNET_4, { input: 10, output: 10 }), request(SONNET_4, { input: 10, output: 20 })));
  assert.equal(got.report.partialTails, 0);
  assert.equal(got.report.badLines, 0);
});

test('two objects glued on one line (`}{"`) are both read, an assistant glued to a summary too', async (t) => {
  const got = await ingestScenario(t, 'gluedLines');
  assertUsage(got.totals, sum(request(SONNET_4, { input: 10, output: 1 }), request(SONNET_4, { input: 10, output: 20 }), request(SONNET_4, { input: 10, output: 300 })));
  assert.equal(got.report.badLines, 0);
});

test('a copy ending in two complete glued objects without newline reads both and has no partial tail', async (t) => {
  const got = await ingestScenario(t, 'gluedLastLineNoNewline');
  assertUsage(got.totals, sum(request(SONNET_4, { input: 10, output: 1 }), request(SONNET_4, { input: 10, output: 20 }), request(SONNET_4, { input: 10, output: 300 })));
  assert.equal(got.report.partialTails, 0);
  assert.equal(got.report.badLines, 0);
});

test('a line split in two loses both halves, counts two bad lines, and the lines around it are read', async (t) => {
  const got = await ingestScenario(t, 'splitLine');
  assertUsage(got.totals, sum(request(SONNET_4, { input: 10, output: 10 }), request(SONNET_4, { input: 10, output: 20 })));
  assert.equal(got.report.badLines, 2);
  assert.equal(got.report.partialTails, 0);
  assert.equal((await got.ledger.stats()).badLines, 2);
});

test('empty and blank lines are skipped silently; text and an unterminated object are bad lines', async (t) => {
  const got = await ingestScenario(t, 'blankAndGarbageLines');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 5 }));
  assert.equal(got.report.badLines, 2);
});

test('CRLF line endings are read, an id-less line among them too', async (t) => {
  const got = await ingestScenario(t, 'crlfLines');
  assertUsage(got.totals, sum(request(SONNET_4, { input: 10, output: 1 }), request(SONNET_4, { input: 10, output: 20 })));
  assert.equal(got.report.badLines, 0);
  assert.equal(got.report.partialTails, 0);
});

test('lines longer than the read buffer are read or skipped whole, and an assistant glued after a long user line is read', async (t) => {
  const got = await ingestScenario(t, 'longLines');
  assertUsage(
    got.totals,
    sum(request(SONNET_4, { input: 10, output: 90000 }), request(SONNET_4, { input: 10, output: 300 }), request(SONNET_4, { input: 10, output: 4000 })),
  );
  assert.equal(got.report.badLines, 0);
  assert.equal(got.report.partialTails, 0);
  assert.equal(got.report.bytesRead, (await got.ledger.stats()).bytes);
});

test('an assistant glued after a long user line is read wherever the glue falls against the reads', async (t) => {
  const got = await ingestScenario(t, 'longLineGlueAtReadBoundaries');
  const outputs = [...[16, 17, 18, 19, 20].flatMap((k) => [k * 10 + 1, k * 10 + 2]), ...[16, 18].flatMap((k) => [k * 10 + 3, k * 10 + 4])];
  assertUsage(got.totals, sum(...outputs.map((output) => request(SONNET_4, { input: 10, output }))));
  assert.equal(got.report.badLines, 0);
  assert.equal(got.report.bytesRead, (await got.ledger.stats()).bytes);
});

test('a long last line still being written is a partial tail, not a bad line', async (t) => {
  const got = await ingestScenario(t, 'longLastLineUnfinished');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 8 }));
  assert.equal(got.report.partialTails, 1);
  assert.equal(got.report.badLines, 0);
});
