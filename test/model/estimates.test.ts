import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredLimitSnapshot } from '../../src/ledger/limits.ts';
import { calibrate, estimateWindow, weeklyInstance } from '../../src/model/estimates.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-07-18T08:00:00Z');
const RESET = T0 + 5 * 60 * MIN;
const reading = (minute: number, percent: number, resetsAt = RESET): StoredLimitSnapshot => ({
  source: 'statusline',
  window: 'five_hour',
  firstSeen: T0 + minute * MIN,
  observedAt: T0 + minute * MIN + 30_000,
  usedPercent: percent,
  resetsAt,
  detail: null,
});

test('calibration learns USD per percent from official rises and the cost logged between them', () => {
  // rises of 2, 3 and 5 points; $1 of logged cost per minute
  const history = [reading(0, 10), reading(10, 12), reading(20, 15), reading(40, 20)];
  const cost = (from: number, to: number) => (to - from) / MIN;
  const c = calibrate(history, 'five_hour', cost)!;
  // cost over 10 + 10 + 20 minutes = $40 for 10 points
  assert.deepEqual(c, { window: 'five_hour', usdPerPercent: 4, samples: 3, percentPoints: 10, ratios: [5, 10 / 3, 4] });
});

test('calibration ignores falls and readings of another window instance, and needs enough rises', () => {
  const cost = (from: number, to: number) => (to - from) / MIN;
  assert.equal(calibrate([reading(0, 10), reading(10, 12), reading(20, 15)], 'five_hour', cost), null); // 2 rises
  const acrossReset = [reading(0, 80), reading(10, 2, RESET + 5 * 60 * MIN), reading(20, 4, RESET + 5 * 60 * MIN), reading(30, 9, RESET + 5 * 60 * MIN), reading(40, 12, RESET + 5 * 60 * MIN)];
  // the fall at the reset is not a sample; 3 rises of 2 + 5 + 3 = 10 points over 30 min = $30
  assert.equal(calibrate(acrossReset, 'five_hour', cost)!.usdPerPercent, 3);
});

test('an estimate divides the logged cost since the window began by the calibration, labelled as such', () => {
  const now = T0 + 60 * MIN;
  const w = estimateWindow({ window: 'five_hour', start: T0, end: RESET, costSinceStart: 30, costLastHour: 30, calibration: { window: 'five_hour', usdPerPercent: 1.5, samples: 4, percentPoints: 12, ratios: [1.5] }, now });
  assert.equal(w.source, 'estimate');
  assert.equal(w.usedPercent, 20);
  assert.equal(w.pace!.percentPerHour, 20);
  // 80 points left at 20 %/h = 4 h: exactly at the reset 4 h later, so not before it
  assert.equal(w.pace!.runsOutBeforeReset, false);
  assert.match(w.pace!.basis, /\$1\.50 per percent, learned from 4 official readings/);
});

test('weekly windows recur: any earlier reset time gives the current week', () => {
  const known = Date.parse('2026-07-02T15:00:00Z');
  const now = Date.parse('2026-07-18T09:00:00Z');
  assert.deepEqual(weeklyInstance(known, now), { start: Date.parse('2026-07-16T15:00:00Z'), end: Date.parse('2026-07-23T15:00:00Z') });
  assert.deepEqual(weeklyInstance(Date.parse('2026-07-23T15:00:00Z'), now), { start: Date.parse('2026-07-16T15:00:00Z'), end: Date.parse('2026-07-23T15:00:00Z') });
});
