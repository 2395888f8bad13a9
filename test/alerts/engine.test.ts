// The alert engine over recorded sequences of snapshots (facts/limits.md §7 alert rules).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideAlerts } from '../../src/model/alerts.ts';
import type { LimitsView } from '../../src/model/limits.ts';
import { alertsConfig, at, HOUR, MIN, replay } from './helpers.ts';

const T = at('2026-07-18T10:00:00Z');
const R = at('2026-07-18T14:00:00Z');
const noPace = { enabled: false, withinMinutes: 120, minLockoutMinutes: 15 };
const steps = (percents: number[], resetsAt = R, every = 10 * MIN) => percents.map((percent, i) => ({ now: T + i * every, observe: [{ percent, resetsAt }] }));

test('each threshold fires once, as the window crosses it; 90% and above is critical', () => {
  const r = replay(alertsConfig({ pace: noPace }), steps([30, 55, 60, 78, 92, 95]));
  assert.deepEqual(r.sent, [[], ['limit:five_hour:2026-07-18T14:00Z:50'], [], ['limit:five_hour:2026-07-18T14:00Z:75'], ['limit:five_hour:2026-07-18T14:00Z:90'], []]);
  const ninety = r.decisions[4]!.send[0]!;
  assert.deepEqual([ninety.title, ninety.message, ninety.critical], ['Session (5h): 92% used', 'Session (5h) is at 92% (alert at 90%). It resets in 3h20, at 14:00.', true]);
  assert.equal(r.decisions[1]!.send[0]!.critical, false);
});

test('crossing several thresholds at once sends one message for the highest, the lower ones marked with it', () => {
  const r = replay(alertsConfig({ pace: noPace }), steps([10, 80, 95]));
  assert.deepEqual(r.sent, [[], ['limit:five_hour:2026-07-18T14:00Z:75'], ['limit:five_hour:2026-07-18T14:00Z:90']]);
  assert.deepEqual(r.decisions[1]!.send[0]!.covers, ['limit:five_hour:2026-07-18T14:00Z:50']);
  assert.deepEqual(r.decisions[2]!.send[0]!.covers, []);
});

test('a new window instance (a new resets_at) re-arms every threshold', () => {
  const next = at('2026-07-18T19:00:00Z');
  const r = replay(alertsConfig({ pace: noPace }), [
    { now: at('2026-07-18T13:00:00Z'), observe: [{ percent: 78, resetsAt: R }] },
    { now: at('2026-07-18T14:10:00Z'), observe: [{ percent: 5, resetsAt: next }] },
    { now: at('2026-07-18T15:00:00Z'), observe: [{ percent: 52, resetsAt: next }] },
  ]);
  assert.deepEqual(r.sent, [['limit:five_hour:2026-07-18T14:00Z:75'], [], ['limit:five_hour:2026-07-18T19:00Z:50']]);
});

test('after a restart the fired keys from the ledger stop repeats, even when resets_at jitters between sources', () => {
  const first = replay(alertsConfig({ pace: noPace }), steps([80]));
  const restarted = replay(
    alertsConfig({ pace: noPace }),
    [
      { now: T + 20 * MIN, observe: [{ percent: 81, resetsAt: R - 430, source: 'oauth' }] }, // 13:59:59.570
      { now: T + 30 * MIN, observe: [{ percent: 82, resetsAt: R + 90_000 }] }, // 14:01:30, another minute
      { now: T + 40 * MIN, observe: [{ percent: 91, resetsAt: R + 90_000 }] },
    ],
    new Set(first.fired),
  );
  assert.deepEqual(restarted.sent, [[], [], ['limit:five_hour:2026-07-18T14:02Z:90']]);
});

test('stale values and estimates never fire, and say why', () => {
  const stale = replay(alertsConfig(), [{ now: T, observe: [{ percent: 95, resetsAt: R, ageMs: 40 * MIN }] }]);
  assert.deepEqual(stale.sent, [[]]);
  assert.deepEqual(stale.decisions[0]!.skipped, [{ window: 'five_hour', reason: 'stale: last seen 40 min ago' }]);
  const estimate: LimitsView = {
    generatedAt: new Date(T).toISOString(),
    binding: 'five_hour',
    notes: [],
    windows: [{ window: 'five_hour', label: 'Session (5h)', group: 'session', usedPercent: 96, resetsAt: new Date(R).toISOString(), resetsInMs: R - T, source: 'estimate', observedAt: null, ageMs: null, stale: false, binding: true, pace: null }],
  };
  const d = decideAlerts({ now: T, tz: 'UTC', config: alertsConfig(), limits: estimate, snapshots: [], costs: null, fired: [], lastActivityAt: null });
  assert.deepEqual([d.send, d.skipped], [[], [{ window: 'five_hour', reason: 'an estimate, not an official value' }]]);
});

test('quiet hours (local time) hold alerts below 90% until they end; 90% and above breaks through', () => {
  const week = at('2026-07-21T15:00:00Z');
  const config = alertsConfig({ pace: noPace, quietHours: { from: '22:00', to: '07:00' } });
  const r = replay(
    config,
    [
      // 23:30 in Paris (UTC+2 in July)
      { now: at('2026-07-18T21:30:00Z'), observe: [{ window: 'seven_day', percent: 60, resetsAt: week }, { percent: 93, resetsAt: at('2026-07-18T23:00:00Z') }] },
      { now: at('2026-07-19T04:30:00Z'), observe: [{ window: 'seven_day', percent: 61, resetsAt: week }] }, // 06:30
      { now: at('2026-07-19T05:05:00Z'), observe: [{ window: 'seven_day', percent: 61, resetsAt: week }] }, // 07:05
    ],
    new Set(),
    'Europe/Paris',
  );
  assert.deepEqual(r.sent, [['limit:five_hour:2026-07-18T23:00Z:90'], [], ['limit:seven_day:2026-07-21T15:00Z:50']]);
  assert.deepEqual(r.decisions[0]!.held.map((a) => a.key), ['limit:seven_day:2026-07-21T15:00Z:50']);
  assert.equal(r.decisions[2]!.send[0]!.message, 'Week, all models is at 61% (alert at 50%). It resets in 2d09h, at Tue 21 Jul 17:00.');
});

test('pace: once per window instance, when the window runs out soon and well before its reset', () => {
  const reset = at('2026-07-18T15:00:00Z');
  const r = replay(alertsConfig(), [
    { now: at('2026-07-18T12:00:00Z'), observe: [{ percent: 40, resetsAt: reset }] },
    { now: at('2026-07-18T12:15:00Z'), observe: [{ percent: 50, resetsAt: reset }] },
    { now: at('2026-07-18T12:30:00Z'), observe: [{ percent: 60, resetsAt: reset }] },
  ]);
  assert.deepEqual(r.sent, [[], ['limit:five_hour:2026-07-18T15:00Z:50', 'pace:five_hour:2026-07-18T15:00Z'], []]);
  const pace = r.decisions[1]!.send[1]!;
  assert.equal(pace.title, 'Session (5h): runs out in 1h15 at this rate');
  assert.equal(pace.message, 'At this rate Session (5h) runs out in 1h15, 1h30 before it resets (50% used, 40%/h; official values over the last 15 min).');
});

test('pace stays quiet while the run-out is further than `withinMinutes`, and fires once it comes within', () => {
  const reset = at('2026-07-18T16:50:00Z');
  const r = replay(alertsConfig(), [
    { now: at('2026-07-18T12:00:00Z'), observe: [{ percent: 40, resetsAt: reset }] },
    { now: at('2026-07-18T12:30:00Z'), observe: [{ percent: 50, resetsAt: reset }] }, // 20%/h: out at 15:00, 150 min away
    { now: at('2026-07-18T13:30:00Z'), observe: [{ percent: 70, resetsAt: reset }] }, // still 20%/h: out at 15:00, 90 min away
  ]);
  assert.deepEqual(r.sent, [[], ['limit:five_hour:2026-07-18T16:50Z:50'], ['pace:five_hour:2026-07-18T16:50Z']]);
});

test('budgets: daily and monthly API-equivalent cost against dollars, once per threshold per day or month', () => {
  const config = alertsConfig({ budget: { dailyUSD: 10, monthlyUSD: 100, thresholds: [75, 100] } });
  const cost = (day: string, dayUSD: number, monthUSD: number) => ({ day, dayUSD, month: day.slice(0, 7), monthUSD });
  const r = replay(config, [
    { now: T, costs: cost('2026-07-18', 5, 50) },
    { now: T + HOUR, costs: cost('2026-07-18', 7.6, 52.6) },
    { now: T + 2 * HOUR, costs: cost('2026-07-18', 12, 57) },
    { now: T + 3 * HOUR, costs: cost('2026-07-18', 13, 58) },
    { now: T + 24 * HOUR, costs: cost('2026-07-19', 1, 80) },
  ]);
  assert.deepEqual(r.sent, [[], ['budget:daily:2026-07-18:75'], ['budget:daily:2026-07-18:100'], [], ['budget:monthly:2026-07:75']]);
  assert.equal(r.decisions[1]!.send[0]!.message, "Today's API-equivalent cost is $7.60, 76% of your $10.00 daily budget (alert at 75%).");
});

test("avoidClaudeCodeDuplicates: Claude Code's own 50/75/90 on five_hour and seven_day skip the desktop while it is in use", () => {
  const config = alertsConfig({ pace: noPace, avoidClaudeCodeDuplicates: true });
  const observe = [{ percent: 76, resetsAt: R }, { window: 'seven_day_opus', percent: 80, resetsAt: R + 72 * HOUR }];
  const active = replay(config, [{ now: T, observe, lastActivityAt: T - 2 * MIN }]);
  assert.deepEqual(active.decisions[0]!.send.map((a) => [a.window, a.channels]), [['five_hour', ['webhook']], ['seven_day_opus', ['desktop', 'webhook']]]);
  const idle = replay(config, [{ now: T, observe, lastActivityAt: T - 30 * MIN }]);
  assert.deepEqual(idle.decisions[0]!.send.map((a) => a.channels), [['desktop', 'webhook'], ['desktop', 'webhook']]);
});

test('reset notice: once after a window we alerted on resets; withheld for the session while a weekly window is at 100%', () => {
  const config = alertsConfig({ pace: noPace, resetNotice: true });
  const r = replay(config, [
    { now: at('2026-07-18T13:00:00Z'), observe: [{ percent: 80, resetsAt: R }] },
    { now: at('2026-07-18T14:05:00Z') },
    { now: at('2026-07-18T14:10:00Z') },
  ]);
  assert.deepEqual(r.sent, [['limit:five_hour:2026-07-18T14:00Z:75'], ['reset:five_hour:2026-07-18T14:00Z'], []]);
  assert.equal(r.decisions[1]!.send[0]!.message, 'Session (5h) reset at 14:00: a fresh window.');

  const locked = replay(config, [
    { now: at('2026-07-18T13:00:00Z'), observe: [{ percent: 80, resetsAt: R }] },
    { now: at('2026-07-18T14:05:00Z'), observe: [{ window: 'seven_day', percent: 100, resetsAt: R + 48 * HOUR }] },
  ]);
  assert.deepEqual(locked.sent[1], ['limit:seven_day:2026-07-20T14:00Z:90']);
  assert.deepEqual(locked.decisions[1]!.skipped, [{ window: 'five_hour', reason: 'reset notice withheld: Week, all models is still at 100%' }]);
  const quiet = replay(alertsConfig({ pace: noPace }), [{ now: at('2026-07-18T13:00:00Z'), observe: [{ percent: 80, resetsAt: R }] }, { now: at('2026-07-18T14:05:00Z') }]);
  assert.deepEqual(quiet.sent[1], []);
});

test('per-window thresholds replace the default list for that window only', () => {
  const config = alertsConfig({ pace: noPace, windows: { seven_day: { thresholds: [80, 95] } } });
  const week = R + 72 * HOUR;
  const r = replay(config, [
    { now: T, observe: [{ window: 'seven_day', percent: 78, resetsAt: week }, { percent: 78, resetsAt: R }] },
    { now: T + 10 * MIN, observe: [{ window: 'seven_day', percent: 81, resetsAt: week }] },
  ]);
  assert.deepEqual(r.sent, [['limit:five_hour:2026-07-18T14:00Z:75'], ['limit:seven_day:2026-07-21T14:00Z:80']]);
});
