// Timestamps (facts/transcripts.md §4, §7.4, §8): any fraction length, `Z` or an offset, compared as instants;
// a copy without a timestamp takes it from another copy, and a request with none at all is still counted.
import assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { assertUsage, ingestEnv, newLedger, request, rollupBy, SONNET_4, totals } from '../helpers/ledger.ts';
import { assistant, tempDir, writeProjects } from '../helpers/fixtures.ts';
import { collectRecords } from '../helpers/scan.ts';
import { build, ingestScenario } from '../helpers/scenarios.ts';

test('a microsecond timestamp is kept (ccusage drops it), truncated to the millisecond, on its UTC day', async (t) => {
  const { ledger, totals: got } = await ingestScenario(t, 'microsecondTimestamp');
  assertUsage(got, request(SONNET_4, { input: 10, output: 42 }));
  const days = await rollupBy(ledger, 'day');
  assert.deepEqual(Object.keys(days), ['2026-01-15']);
  const [row] = await ledger.rollup({ groupBy: 'all', tz: 'UTC' });
  assert.equal(row?.firstTs, Date.UTC(2026, 0, 15, 23, 59, 59, 123));
});

test('offset timestamps land on the UTC instant they name', (t) => {
  const records = collectRecords(build(t, 'offsetTimestamps').env);
  assert.equal(records.get('msg_ist')?.ts, Date.UTC(2026, 0, 15, 20, 30));
  assert.equal(records.get('msg_pst')?.ts, Date.UTC(2026, 0, 16, 4, 0));
});

test('the earliest copy is found by instant, not by text: 12:00+05:00 is before 10:00Z', (t) => {
  const records = collectRecords(build(t, 'offsetTimestamps').env);
  assert.equal(records.get('msg_mixed')?.ts, Date.UTC(2026, 0, 15, 7, 0));
});

test('offset timestamps are grouped on their UTC day, and on the local day of the report zone', async (t) => {
  const { ledger } = await ingestScenario(t, 'offsetTimestamps');
  const utc = await rollupBy(ledger, 'day');
  assert.deepEqual(Object.keys(utc), ['2026-01-15', '2026-01-16']);
  assert.equal(utc['2026-01-15']!.requests, 2); // msg_ist (20:30Z) and msg_mixed (07:00Z)
  assert.equal(utc['2026-01-15']!.outputTokens, 301);
  assert.equal(utc['2026-01-16']!.outputTokens, 20); // msg_pst (04:00Z)
  const kolkata = await rollupBy(ledger, 'day', 'Asia/Kolkata');
  assert.deepEqual(Object.keys(kolkata), ['2026-01-15', '2026-01-16']);
  assert.equal(kolkata['2026-01-15']!.outputTokens, 300); // msg_mixed: 12:30 local
  assert.equal(kolkata['2026-01-16']!.outputTokens, 21); // msg_ist 02:00 local, msg_pst 09:30 local
});

test('a copy without timestamp takes it from the copy that has one', async (t) => {
  const { ledger, totals: got, env } = await ingestScenario(t, 'missingTimestampOnOneCopy');
  assertUsage(got, request(SONNET_4, { input: 10, output: 50 }));
  const record = collectRecords(env).get('msg_late_ts');
  assert.equal(record?.ts, Date.UTC(2026, 0, 15, 10, 0));
  assert.equal(record?.tsKnown, true);
  assert.deepEqual(Object.keys(await rollupBy(ledger, 'day')), ['2026-01-15']);
});

test('a request with no timestamp on any copy is still counted, dated by its file', async (t) => {
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': [assistant({ id: 'msg_no_ts', ts: null, usage: { output_tokens: 9 } })] });
  const mtime = new Date(Date.UTC(2026, 1, 3, 12, 0, 0));
  utimesSync(path.join(dir, 'projects/proj/s.jsonl'), mtime, mtime);
  const ledger = newLedger(t);
  await ingestEnv(ledger, { CLAUDE_CONFIG_DIR: dir });
  assertUsage(await totals(ledger), request(SONNET_4, { input: 10, output: 9 }));
  assert.deepEqual(Object.keys(await rollupBy(ledger, 'day')), ['2026-02-03']);
  assert.equal(collectRecords({ CLAUDE_CONFIG_DIR: dir }).get('msg_no_ts')?.tsKnown, false);
});
