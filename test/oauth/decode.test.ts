import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeUsage } from '../../src/sources/oauth/decode.ts';
import { FLAT_BODY_2026_02_08, FULL_BODY } from './helpers.ts';

const AT = Date.UTC(2026, 6, 18, 12, 0, 0);

test('the full 200 body of 2026-07-18: limits[] windows, the Fable window binding, usage credits $408.43 from spend', () => {
  assert.deepEqual(decodeUsage(FULL_BODY, AT), [
    { source: 'oauth', window: 'five_hour', observedAt: AT, usedPercent: 15, resetsAt: Date.UTC(2026, 6, 19, 3, 39, 59, 570), detail: { label: 'Current session', severity: 'normal', isActive: false } },
    { source: 'oauth', window: 'seven_day', observedAt: AT, usedPercent: 48, resetsAt: Date.UTC(2026, 6, 23, 14, 59, 59, 570), detail: { label: 'Current week (all models)', severity: 'normal', isActive: false } },
    { source: 'oauth', window: 'seven_day_fable', observedAt: AT, usedPercent: 81, resetsAt: Date.UTC(2026, 6, 23, 14, 59, 59, 571), detail: { label: 'Current week (Fable)', severity: 'warning', isActive: true } },
    // spend.percent is 0 but there is no limit: a percent of nothing is unknown, not 0.
    { source: 'oauth', window: 'extra_usage', observedAt: AT, usedPercent: null, resetsAt: null, detail: { label: 'Usage credits', usedUSD: 408.43, limitUSD: null, currency: 'USD', enabled: true } },
  ]);
});

test('the 2026-02-08 flat shape: a 0% Sonnet week with no reset is known 0, null windows and null extra_usage give nothing', () => {
  assert.deepEqual(decodeUsage(FLAT_BODY_2026_02_08, AT), [
    { source: 'oauth', window: 'five_hour', observedAt: AT, usedPercent: 17, resetsAt: Date.UTC(2026, 1, 8, 18, 59, 59, 661), detail: { label: 'Current session' } },
    { source: 'oauth', window: 'seven_day', observedAt: AT, usedPercent: 11, resetsAt: Date.UTC(2026, 1, 12, 14, 59, 59, 661), detail: { label: 'Current week (all models)' } },
    { source: 'oauth', window: 'seven_day_sonnet', observedAt: AT, usedPercent: 0, resetsAt: null, detail: { label: 'Current week (Sonnet)' } },
  ]);
});

test('extra_usage in minor units: monthly_limit 2050 is $20.50; no utilization → used/limit; Jan–Mar shape without currency', () => {
  const given = decodeUsage({ extra_usage: { is_enabled: true, monthly_limit: 2050, used_credits: 1025.0, utilization: 50.0, currency: 'EUR' } }, AT);
  assert.deepEqual(given, [{ source: 'oauth', window: 'extra_usage', observedAt: AT, usedPercent: 50, resetsAt: null, detail: { label: 'Usage credits', usedUSD: 10.25, limitUSD: 20.5, currency: 'EUR', enabled: true } }]);
  const computed = decodeUsage({ extra_usage: { is_enabled: false, monthly_limit: 2050, used_credits: 410, utilization: null } }, AT);
  assert.equal(computed[0]?.usedPercent, 20);
  assert.deepEqual(computed[0]?.detail, { label: 'Usage credits', usedUSD: 4.1, limitUSD: 20.5, currency: null, enabled: false });
  const janMar = decodeUsage({ extra_usage: { is_enabled: true, monthly_limit: 1000, used_credits: 0.0, utilization: null } }, AT);
  assert.deepEqual(janMar[0]?.detail, { label: 'Usage credits', usedUSD: 0, limitUSD: 10, currency: null, enabled: true });
  assert.equal(janMar[0]?.usedPercent, 0);
  const threePlaces = decodeUsage({ extra_usage: { is_enabled: true, monthly_limit: null, used_credits: 1234, decimal_places: 3 } }, AT);
  assert.deepEqual([threePlaces[0]?.usedPercent, threePlaces[0]?.detail?.['usedUSD']], [null, 1.234]);
});

test('spend wins over extra_usage; its limit as a money object gives used/limit when no percent is given', () => {
  const body = {
    extra_usage: { is_enabled: true, monthly_limit: 999999, used_credits: 1 },
    spend: { used: { amount_minor: 500, currency: 'USD', exponent: 2 }, limit: { amount_minor: 2000, currency: 'USD', exponent: 2 }, percent: null, enabled: true },
  };
  assert.deepEqual(decodeUsage(body, AT), [{ source: 'oauth', window: 'extra_usage', observedAt: AT, usedPercent: 25, resetsAt: null, detail: { label: 'Usage credits', usedUSD: 5, limitUSD: 20, currency: 'USD', enabled: true } }]);
});

test('missing or non-numeric percentages are unknown (null), never 0; unknown fields and kinds are tolerated', () => {
  const body = {
    five_hour: { resets_at: '2026-07-19T04:00:00Z' },
    seven_day: { utilization: '48', resets_at: 'not a date' },
    seven_day_opus: { utilization: null, resets_at: null },
    limits: [
      { kind: 'monthly', percent: 12, resets_at: '2026-08-01T00:00:00.5+02:00' },
      { kind: 'weekly_scoped', percent: 'x', scope: { model: { id: 'claude-sonnet-4-5', display_name: 'Sonnet 4.5' } }, extra: 1 },
      { percent: 99 },
      'junk',
    ],
  };
  assert.deepEqual(decodeUsage(body, AT), [
    { source: 'oauth', window: 'monthly', observedAt: AT, usedPercent: 12, resetsAt: Date.UTC(2026, 6, 31, 22, 0, 0, 500), detail: { label: 'Monthly' } },
    { source: 'oauth', window: 'seven_day_sonnet_4_5', observedAt: AT, usedPercent: null, resetsAt: null, detail: { label: 'Current week (Sonnet 4.5)' } },
    { source: 'oauth', window: 'five_hour', observedAt: AT, usedPercent: null, resetsAt: Date.UTC(2026, 6, 19, 4), detail: { label: 'Current session' } },
    { source: 'oauth', window: 'seven_day', observedAt: AT, usedPercent: null, resetsAt: null, detail: { label: 'Current week (all models)' } },
    { source: 'oauth', window: 'seven_day_opus', observedAt: AT, usedPercent: null, resetsAt: null, detail: { label: 'Current week (Opus)' } },
  ]);
});

test('flat keys beyond the core ones count only with a numeric utilization; Claude Design windows are ignored', () => {
  const body = {
    seven_day_cowork: { utilization: 4.0, resets_at: '2026-07-23T14:59:59.57Z' },
    iguana_necktie: { utilization: 11.94, resets_at: null, limit_dollars: 100, used_dollars: 11.94, remaining_dollars: 88.06 },
    tangelo: { resets_at: '2026-07-23T14:59:59Z' },
    cinder_cove: null,
    seven_day_omelette: { utilization: 48.0, resets_at: null },
    seven_day_breakdown: { rows: [{ key: 'claude_code', display_name: 'Claude Code', percent: 100 }] },
    member_dashboard_available: false,
  };
  assert.deepEqual(decodeUsage(body, AT), [
    { source: 'oauth', window: 'seven_day_cowork', observedAt: AT, usedPercent: 4, resetsAt: Date.UTC(2026, 6, 23, 14, 59, 59, 570), detail: { label: 'Current week (Cowork)' } },
    { source: 'oauth', window: 'iguana_necktie', observedAt: AT, usedPercent: 11.94, resetsAt: null, detail: { label: 'Iguana necktie', usedUSD: 11.94, limitUSD: 100 } },
  ]);
});

test('limits[] wins over a flat window with the same id; flat windows it does not cover are kept', () => {
  const body = {
    five_hour: { utilization: 99.0, resets_at: null },
    seven_day_sonnet: { utilization: 7.0, resets_at: null },
    limits: [{ kind: 'session', percent: 15, resets_at: null, is_active: true }],
  };
  assert.deepEqual(decodeUsage(body, AT).map((s) => [s.window, s.usedPercent]), [['five_hour', 15], ['seven_day_sonnet', 7]]);
  assert.deepEqual(decodeUsage({ ...body, limits: [] }, AT).map((s) => [s.window, s.usedPercent]), [['five_hour', 99], ['seven_day_sonnet', 7]]);
});

test('resets_at with any fraction length and Z or an offset', () => {
  const at = (resets_at: string) => decodeUsage({ five_hour: { utilization: 1, resets_at } }, AT)[0]?.resetsAt;
  assert.equal(at('2026-07-19T03:39:59Z'), Date.UTC(2026, 6, 19, 3, 39, 59));
  assert.equal(at('2026-07-19T03:39:59.5Z'), Date.UTC(2026, 6, 19, 3, 39, 59, 500));
  assert.equal(at('2026-07-19T03:39:59.57+00:00'), Date.UTC(2026, 6, 19, 3, 39, 59, 570));
  assert.equal(at('2026-07-19T03:39:59.570750123+00:00'), Date.UTC(2026, 6, 19, 3, 39, 59, 570));
  assert.equal(at('2026-07-19T05:39:59.570750+02:00'), Date.UTC(2026, 6, 19, 3, 39, 59, 570));
});

test('bodies that are not objects give no snapshots', () => {
  assert.deepEqual([decodeUsage(null, AT), decodeUsage([], AT), decodeUsage('x', AT), decodeUsage({}, AT)], [[], [], [], []]);
});
