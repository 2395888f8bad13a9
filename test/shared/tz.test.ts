// Time-zone arithmetic: offsets, intervals of constant offset, local midnights (DST edges included).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localDate, localMidnight, offsetAt, offsetIntervals } from '../../src/shared/tz.ts';

const H = 3_600_000;

test('a DST change is located to the exact second, whatever the range bounds', () => {
  // Europe/Paris springs forward at 2026-03-29T01:00:00Z (02:00 CET → 03:00 CEST)
  const from = Date.parse('2026-03-28T20:13:07.123Z');
  const to = Date.parse('2026-03-29T09:47:00.456Z');
  const iv = offsetIntervals('Europe/Paris', from, to);
  assert.deepEqual(
    iv.map((i) => [new Date(i.from).toISOString(), new Date(i.to).toISOString(), i.offsetMs / H]),
    [
      ['2026-03-28T20:13:07.123Z', '2026-03-29T01:00:00.000Z', 1],
      ['2026-03-29T01:00:00.000Z', '2026-03-29T09:47:00.457Z', 2],
    ],
  );
});

test('offsets and local midnights on both sides of a change', () => {
  assert.equal(offsetAt('Europe/Paris', Date.parse('2026-03-29T00:59:59Z')), 1 * H);
  assert.equal(offsetAt('Europe/Paris', Date.parse('2026-03-29T01:00:00Z')), 2 * H);
  assert.equal(offsetAt('America/New_York', Date.parse('2026-11-01T05:59:59Z')), -4 * H);
  assert.equal(offsetAt('America/New_York', Date.parse('2026-11-01T06:00:00Z')), -5 * H);
  assert.equal(new Date(localMidnight('Europe/Paris', '2026-03-29')).toISOString(), '2026-03-28T23:00:00.000Z');
  assert.equal(new Date(localMidnight('Europe/Paris', '2026-03-30')).toISOString(), '2026-03-29T22:00:00.000Z');
  assert.equal(localDate('Asia/Kolkata', Date.parse('2026-01-15T18:29:59Z')), '2026-01-15');
  assert.equal(localDate('Asia/Kolkata', Date.parse('2026-01-15T18:30:00Z')), '2026-01-16');
});
