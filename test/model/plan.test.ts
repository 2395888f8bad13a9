// The plan advisor on constructed histories where the right answer is clear; the numbers are asserted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActivityPoint } from '../../src/ledger/ledger.ts';
import { capacities } from '../../src/model/plan-capacity.ts';
import { advise, type PlanReport } from '../../src/model/plan.ts';
import { SHIPPED_TABLE } from '../../src/pricing/price-table.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1); // a Monday
const CARDS = SHIPPED_TABLE.plans;

/** A prompt: one main-thread request and four tool-loop follow-ups 10 s apart, each costing `each`. */
function prompt(session: string, ts: number, each: number, over: Partial<ActivityPoint> = {}): ActivityPoint[] {
  return Array.from({ length: 5 }, (_, k) => ({ ts: ts + k * 10_000, session, model: 'claude-opus-4-8', costUSD: each, promptTokens: 50_000, agent: false, fast: false, ...over }));
}

function run(points: ActivityPoint[], calibrated: Parameters<typeof capacities>[1] = null): PlanReport {
  const { plans, basis } = capacities(CARDS, calibrated);
  const apiCostUSD = points.reduce((s, p) => s + p.costUSD, 0);
  return advise({ points, periods: [{ key: 'last-30-days', from: T0, to: T0 + 30 * DAY, apiCostUSD }], capacities: plans, basis, cards: CARDS, currentPlan: null, weekAnchor: T0, now: T0 + 30 * DAY, tz: 'UTC' });
}

const option = (r: PlanReport, id: string) => r.periods[0]!.options.find((o) => o.option === id)!;

test('a steady heavy user: Max 5x holds everything for $100 where the API would cost $1,800', () => {
  // every day 10:00–18:00, a prompt every 4 minutes, $0.50 a prompt: 120 prompts and $60 a day
  const points: ActivityPoint[] = [];
  for (let d = 0; d < 30; d++) for (let k = 0; k < 120; k++) points.push(...prompt(`s${d}`, T0 + d * DAY + 10 * 60 * MIN + k * 4 * MIN, 0.1));
  const r = run(points);
  assert.ok(Math.abs(option(r, 'api').totalUSD.mid - 1800) < 1e-6);
  assert.equal(option(r, 'max_5x').totalUSD.mid, 100);
  assert.deepEqual([option(r, 'max_5x').fiveHourLockouts.mid, option(r, 'max_5x').weeklyLockouts.mid], [0, 0]);
  assert.equal(option(r, 'max_20x').totalUSD.mid, 200);
  // Pro holds 25 prompts per 5-hour window (the published 10–40): both windows of every day fill up
  assert.equal(option(r, 'pro').fiveHourLockouts.mid, 60);
  assert.ok(option(r, 'pro').totalUSD.mid > 100);
  assert.equal(r.recommendation.option, 'max_5x');
  assert.equal(r.profile.pattern, 'steady');
  assert.equal(r.basis.kind, 'published');
});

test('a bursty light user: the API at $15 beats every plan', () => {
  // three days a month, ten prompts of $0.50
  const points: ActivityPoint[] = [];
  for (const d of [3, 11, 26]) for (let k = 0; k < 10; k++) points.push(...prompt(`s${d}`, T0 + d * DAY + 9 * 60 * MIN + k * 20 * MIN, 0.1));
  const r = run(points);
  assert.ok(Math.abs(option(r, 'api').totalUSD.mid - 15) < 1e-9);
  assert.equal(option(r, 'pro').totalUSD.mid, 20);
  assert.equal(r.recommendation.option, 'api');
  assert.equal(r.profile.pattern, 'bursty');
  assert.equal(r.profile.activeDays, 3);
  assert.ok(r.recommendation.reasons.some((x) => /bursty/.test(x)));
});

test('a Pro user calibrated on official readings is locked out every day; Max 5x is not', () => {
  // readings say 1% of Pro's 5-hour window is $0.10 of usage ($10 a window); the user does $25 a day in one window
  const points: ActivityPoint[] = [];
  for (let d = 0; d < 30; d++) for (let k = 0; k < 50; k++) points.push(...prompt(`s${d}`, T0 + d * DAY + 9 * 60 * MIN + k * 5 * MIN, 0.1));
  const r = run(points, { current: 'pro', fiveHourUsdPerPercent: { low: 0.08, mid: 0.1, high: 0.12 }, weeklyUsdPerPercent: null });
  assert.equal(r.basis.kind, 'calibrated');
  const pro = option(r, 'pro');
  assert.equal(pro.fiveHourLockouts.mid, 30);
  // mid: $10 holds; the other $15 of each day is overflow: $450 + $20
  assert.ok(Math.abs(pro.totalUSD.mid - 470) < 1e-6);
  assert.equal(option(r, 'max_5x').fiveHourLockouts.high, 0); // even the pessimistic $40 window holds $25
  assert.equal(r.recommendation.option, 'max_5x');
  assert.ok(pro.blockedHours.mid > 30);
});

test('a long-context heavy Opus user: on Pro those requests run on credits at API rates', () => {
  // one $2 request a day with a 300K-token prompt, besides ten small prompts
  const points: ActivityPoint[] = [];
  for (let d = 0; d < 30; d++) {
    for (let k = 0; k < 10; k++) points.push(...prompt(`s${d}`, T0 + d * DAY + 9 * 60 * MIN + k * 10 * MIN, 0.02));
    points.push({ ts: T0 + d * DAY + 15 * 60 * MIN, session: `s${d}`, model: 'claude-opus-4-8', costUSD: 2, promptTokens: 300_000, agent: false, fast: false });
  }
  const r = run(points);
  assert.ok(Math.abs(r.profile.longContextShare - 30 / (30 * 51)) < 1e-12);
  assert.ok(Math.abs(option(r, 'pro').extraUSD.low - 60) < 1e-9); // the 30 long requests at $2, even with the most generous limits
  assert.equal(option(r, 'max_5x').extraUSD.low, 0);
});

test('fast mode is paid at API rates on every plan', () => {
  const points = [...prompt('s', T0 + 60 * MIN, 1, { fast: true }), ...prompt('s', T0 + 2 * 60 * MIN, 0.1)];
  const r = run(points);
  assert.equal(option(r, 'max_20x').extraUSD.mid, 5);
  assert.equal(r.profile.fastModeUSD, 5);
});
