import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredLimitSnapshot } from '../../src/ledger/limits.ts';
import { buildLimitsView, paceOf } from '../../src/model/limits.ts';

const MIN = 60_000;
const NOW = Date.parse('2026-07-18T12:00:00Z');
const snap = (over: Partial<StoredLimitSnapshot>): StoredLimitSnapshot => ({
  source: 'statusline',
  window: 'five_hour',
  observedAt: NOW - MIN,
  firstSeen: NOW - MIN,
  usedPercent: 40,
  resetsAt: NOW + 120 * MIN,
  detail: null,
  ...over,
});

test('the freshest source wins; a value seen within two minutes that is higher wins over it', () => {
  const view = buildLimitsView({
    latest: [
      snap({ source: 'statusline', observedAt: NOW - 1 * MIN, usedPercent: 40 }),
      snap({ source: 'oauth', observedAt: NOW - 2.5 * MIN, usedPercent: 41 }),
      snap({ source: 'statusline', window: 'seven_day', observedAt: NOW - 1 * MIN, usedPercent: 30, resetsAt: NOW + 3 * 24 * 60 * MIN }),
      snap({ source: 'oauth', window: 'seven_day', observedAt: NOW - 40 * MIN, usedPercent: 55, resetsAt: NOW + 3 * 24 * 60 * MIN }),
    ],
    history: [],
    now: NOW,
  });
  const five = view.windows.find((w) => w.window === 'five_hour')!;
  assert.equal(five.usedPercent, 41); // oauth 1.5 min older but higher: statusLine reads about a point low
  assert.equal(five.source, 'oauth');
  assert.equal(view.windows.find((w) => w.window === 'seven_day')!.usedPercent, 30); // the 40-minute-old 55 is not "the same time"
});

test('a value older than its window freshness is marked stale and keeps its number and age', () => {
  const view = buildLimitsView({ latest: [snap({ observedAt: NOW - 45 * MIN, firstSeen: NOW - 50 * MIN, usedPercent: 63 })], history: [], now: NOW });
  const [w] = view.windows;
  assert.equal(w!.usedPercent, 63);
  assert.equal(w!.stale, true);
  assert.equal(w!.ageMs, 45 * MIN);
  assert.equal(w!.resetsInMs, 120 * MIN);
});

test('a window whose reset time has passed shows no number, and a note says so', () => {
  const view = buildLimitsView({ latest: [snap({ resetsAt: NOW - 5 * MIN, usedPercent: 97 })], history: [], now: NOW });
  assert.deepEqual(view.windows, []);
  assert.match(view.notes[0]!, /Session \(5h\): reset at 2026-07-18T11:55:00.000Z/);
});

test('the binding window is the one the endpoint marks active, else the highest percent', () => {
  const week = NOW + 3 * 24 * 60 * MIN;
  const marked = buildLimitsView({
    latest: [
      snap({ source: 'oauth', usedPercent: 15 }),
      snap({ source: 'oauth', window: 'seven_day', usedPercent: 48, resetsAt: week }),
      snap({ source: 'oauth', window: 'seven_day_fable', usedPercent: 81, resetsAt: week, detail: { label: 'Current week (Fable)', isActive: true } }),
    ],
    history: [],
    now: NOW,
  });
  assert.equal(marked.binding, 'seven_day_fable');
  assert.deepEqual(marked.windows.map((w) => [w.window, w.binding]), [['five_hour', false], ['seven_day', false], ['seven_day_fable', true]]);
  const highest = buildLimitsView({ latest: [snap({ usedPercent: 15 }), snap({ window: 'seven_day', usedPercent: 48, resetsAt: week })], history: [], now: NOW });
  assert.equal(highest.binding, 'seven_day');
});

test('pace is the rise over the last hour of official values; the window runs out only if that rate reaches 100% before the reset', () => {
  const history = [
    snap({ firstSeen: NOW - 41 * MIN, observedAt: NOW - 40 * MIN, usedPercent: 20 }),
    snap({ firstSeen: NOW - 20 * MIN, observedAt: NOW - 20 * MIN, usedPercent: 30 }),
  ];
  const current = snap({ firstSeen: NOW - MIN, observedAt: NOW, usedPercent: 40, resetsAt: NOW + 120 * MIN });
  const pace = paceOf(history, current, NOW)!;
  // from 20% at −41 min (first seen) to 40% now: 20/41 points a minute = 29.27 %/h; the 60 points left
  // take 60 / (20/41) = 123 min, after the reset in 120 min; at the reset: 40 + 120·20/41 = 98.5%
  assert.ok(Math.abs(pace.percentPerHour - (20 / 41) * 60) < 1e-9);
  assert.equal(pace.runsOutBeforeReset, false);
  assert.ok(Math.abs(pace.projectedAtReset! - (40 + (20 / 41) * 120)) < 1e-9);
  const faster = paceOf([snap({ firstSeen: NOW - 30 * MIN, observedAt: NOW - 30 * MIN, usedPercent: 10 })], current, NOW)!;
  // 30 points in 30 min = 60 %/h: 60 points left → 60 min, before the 120-min reset
  assert.equal(faster.percentPerHour, 60);
  assert.equal(faster.runsOutAt, new Date(NOW + 60 * MIN).toISOString());
  assert.equal(faster.runsOutBeforeReset, true);
});

test('pace ignores values from another window instance and needs five minutes of history', () => {
  const current = snap({ observedAt: NOW, usedPercent: 40 });
  assert.equal(paceOf([snap({ firstSeen: NOW - 30 * MIN, observedAt: NOW - 30 * MIN, usedPercent: 90, resetsAt: NOW - 10 * MIN })], current, NOW), null);
  assert.equal(paceOf([snap({ firstSeen: NOW - 3 * MIN, observedAt: NOW - 3 * MIN, usedPercent: 30 })], current, NOW), null);
});

test('usage credits carry their money; unknown window ids are kept and humanized', () => {
  const view = buildLimitsView({
    latest: [
      snap({ source: 'oauth', window: 'extra_usage', usedPercent: null, resetsAt: null, detail: { label: 'Usage credits', usedUSD: 408.43, limitUSD: null, currency: 'USD' } }),
      snap({ source: 'oauth', window: 'iguana_necktie', usedPercent: 12, resetsAt: null }),
    ],
    history: [],
    now: NOW,
  });
  assert.deepEqual(view.windows.map((w) => [w.window, w.label, w.usedUSD ?? null]), [['iguana_necktie', 'iguana necktie', null], ['extra_usage', 'Usage credits', 408.43]]);
  assert.equal(view.binding, 'iguana_necktie');
});
