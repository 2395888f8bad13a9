// User price overrides (config `pricing.models`, facts/pricing.md §9) and the table fingerprint that makes
// the ledger re-price its rows when, and only when, a price changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PriceStatus, Pricer } from '../../src/pricing/cost.ts';
import { applyOverrides, fingerprint, SHIPPED_TABLE, type PriceTable } from '../../src/pricing/price-table.ts';
import { assertClose, request } from './helpers.ts';

const pricerWith = (overrides: Parameters<typeof applyOverrides>[1]) => new Pricer(applyOverrides(SHIPPED_TABLE, overrides));
const clone = (): PriceTable => structuredClone(SHIPPED_TABLE);
const card = (table: PriceTable, id: string) => {
  const c = table.models.find((m) => m.id === id);
  assert.ok(c, id);
  return c;
};

// Opus 4.6, prompt 5,000 + 10,000 (1h) + 300,000 = 315,000, output 4,000 (shipped: $0.70 in the 2026-02-05 → 03-13 premium period)
const opus46Long = { inputTokens: 5_000, cacheCreationTokens: 10_000, cacheCreation1hTokens: 10_000, cacheReadTokens: 300_000, outputTokens: 4_000 };

test('an override replaces a shipped card on every date: Opus 4.6 loses its dated long-context period', () => {
  const pricer = pricerWith({ 'claude-opus-4-6': { input: 6, output: 30 } });
  // rates 6 / 30, cache by default 7.50 / 12 / 0.60, no tier on any date:
  // 5,000·6 + 10,000·12 + 300,000·0.60 + 4,000·30 = 30,000 + 120,000 + 180,000 + 120,000 = 450,000 → $0.45
  for (const iso of ['2025-06-01T00:00:00Z', '2026-03-01T12:00:00Z', '2026-03-13T00:00:00Z', '2027-01-01T00:00:00Z'])
    assertClose(pricer.cost(request('claude-opus-4-6', iso, opus46Long)).usd, 0.45, iso);
  assert.deepEqual(card(pricer.table, 'claude-opus-4-6').periods, []);
});

test('an override replaces Sonnet 5.5 cache reads on both sides of its 2026-10-07 change', () => {
  const pricer = pricerWith({ 'claude-sonnet-5-5': { input: 3, output: 15, cacheRead: 0.15 } });
  const u = { inputTokens: 1_000, cacheCreationTokens: 10_000, cacheReadTokens: 500_000, outputTokens: 1_000 };
  // 1,000·3 + 10,000·3.75 (default 1.25×) + 500,000·0.15 (given) + 1,000·15 = 3,000 + 37,500 + 75,000 + 15,000 = 130,500 → $0.1305
  assertClose(pricer.cost(request('claude-sonnet-5-5', '2026-10-06T23:59:59.999Z', u)).usd, 0.1305);
  assertClose(pricer.cost(request('claude-sonnet-5-5', '2026-10-07T00:00:00Z', u)).usd, 0.1305);
});

test('missing cache rates default to 1.25× / 2× / 0.1× input', () => {
  const table = applyOverrides(SHIPPED_TABLE, { 'claude-3-5-haiku-20241022': { input: 0.8, output: 4 }, 'claude-opus-4-9': { input: 8, output: 40, cacheWrite1h: 15 } });
  const haiku = card(table, 'claude-3-5-haiku-20241022').rates;
  // 0.8·1.25 = 1.00, 0.8·2 = 1.60, 0.8·0.1 = 0.08
  assertClose(haiku.cacheWrite5m, 1);
  assertClose(haiku.cacheWrite1h, 1.6);
  assertClose(haiku.cacheRead, 0.08);
  // given rates are kept, the others default: 8·1.25 = 10, 1h given 15, 8·0.1 = 0.80
  const added = card(table, 'claude-opus-4-9').rates;
  assertClose(added.cacheWrite5m, 10);
  assert.equal(added.cacheWrite1h, 15);
  assertClose(added.cacheRead, 0.8);
});

test('an override adds a model that the shipped table does not know, and its new snapshots', () => {
  const pricer = pricerWith({ 'claude-opus-4-9': { input: 8, output: 40 } });
  const u = { inputTokens: 1_000, outputTokens: 1_000, cacheCreationTokens: 2_000, cacheCreation1hTokens: 1_000, cacheReadTokens: 10_000 };
  // 1,000·8 + 1,000·40 + 1,000·10 + 1,000·16 + 10,000·0.80 = 8,000 + 40,000 + 10,000 + 16,000 + 8,000 = 82,000 → $0.082
  const cost = pricer.cost(request('claude-opus-4-9', '2026-11-01T12:00:00Z', u));
  assertClose(cost.usd, 0.082);
  assert.equal(cost.status, PriceStatus.exact);
  assert.equal(cost.cardId, 'claude-opus-4-9');
  const snapshot = pricer.cost(request('claude-opus-4-9-20261201', '2026-12-02T12:00:00Z', u));
  assertClose(snapshot.usd, 0.082);
  assert.equal(snapshot.status, PriceStatus.family);
  // its neighbours keep their own cards
  assert.equal(pricer.match('claude-opus-4-8')?.card.id, 'claude-opus-4-8');
  assert.equal(pricer.match('claude-opus-4')?.card.id, 'claude-opus-4-20250514');
  assert.equal(pricer.table.models.length, SHIPPED_TABLE.models.length + 1);
});

test('an overridden card keeps its aliases and its long-context tier; an override keyed by an alias replaces the dated card', () => {
  const u = { inputTokens: 2_000, cacheReadTokens: 50_000, outputTokens: 1_000 };
  // 4 / 20, read 0.40 (prompt 52,000, under the tier): 2,000·4 + 50,000·0.40 + 1,000·20 = 8,000 + 20,000 + 20,000 = 48,000 → $0.048
  const above = { inputTokens: 2_000, cacheReadTokens: 250_000, outputTokens: 1_000 };
  // prompt 252,000: the card's tier stays: 2,000·6 + 250,000·0.60 + 1,000·22.50 = 12,000 + 150,000 + 22,500 = 184,500 → $0.1845
  for (const key of ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5']) {
    const pricer = pricerWith({ [key]: { input: 4, output: 20 } });
    assert.equal(pricer.table.models.length, SHIPPED_TABLE.models.length, key);
    for (const model of ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20250929[1m]']) {
      const cost = pricer.cost(request(model, '2025-11-01T12:00:00Z', u));
      assertClose(cost.usd, 0.048, `${key} → ${model}`);
      assert.equal(cost.cardId, 'claude-sonnet-4-5-20250929');
      assertClose(pricer.cost(request(model, '2025-11-01T12:00:00Z', above)).usd, 0.1845, `${key} → ${model} above the tier`);
    }
  }
});

test('an override keeps the card’s US multiplier; fast rates are kept unless the override gives them', () => {
  const kept = pricerWith({ 'claude-opus-4-6': { input: 6, output: 30 } });
  // US: 450,000 (above) · 1.1 = 495,000 → $0.495
  assertClose(kept.cost(request('claude-opus-4-6', '2026-04-01T12:00:00Z', { ...opus46Long, geoUs: true })).usd, 0.495);
  const fast = { fast: true, inputTokens: 1_000, outputTokens: 1_000 };
  // shipped fast rates kept: 1,000·30 + 1,000·150 = 180,000 → $0.18
  assertClose(kept.cost(request('claude-opus-4-6', '2026-04-01T12:00:00Z', fast)).usd, 0.18);
  // fast: null → no fast rates, standard override rates: 1,000·6 + 1,000·30 = 36,000 → $0.036
  const none = pricerWith({ 'claude-opus-4-6': { input: 6, output: 30, fast: null } });
  assertClose(none.cost(request('claude-opus-4-6', '2026-04-01T12:00:00Z', fast)).usd, 0.036);
});

test('an override with its own long-context tier prices above the threshold with it', () => {
  const tier = { threshold: 100_000, input: 12, output: 60, cacheWrite5m: 15, cacheWrite1h: 24, cacheRead: 1.2 };
  const pricer = pricerWith({ 'claude-opus-4-9': { input: 8, output: 40, longContext: tier } });
  // prompt 100,001: 1·12 + 100,000·1.20 + 1,000·60 = 12 + 120,000 + 60,000 = 180,012 → $0.180012
  assertClose(pricer.cost(request('claude-opus-4-9', '2026-11-01T12:00:00Z', { inputTokens: 1, cacheReadTokens: 100_000, outputTokens: 1_000 })).usd, 0.180012);
  // prompt 100,000: 100,000·0.80 + 1,000·40 = 80,000 + 40,000 = 120,000 → $0.12
  assertClose(pricer.cost(request('claude-opus-4-9', '2026-11-01T12:00:00Z', { cacheReadTokens: 100_000, outputTokens: 1_000 })).usd, 0.12);
});

test('applyOverrides leaves the shipped table untouched', () => {
  const before = fingerprint(SHIPPED_TABLE);
  applyOverrides(SHIPPED_TABLE, { 'claude-opus-4-6': { input: 6, output: 30 }, 'claude-opus-4-9': { input: 8, output: 40 } });
  assert.equal(card(SHIPPED_TABLE, 'claude-opus-4-6').rates.input, 5);
  assert.equal(card(SHIPPED_TABLE, 'claude-opus-4-6').periods.length, 2);
  assert.equal(SHIPPED_TABLE.models.some((m) => m.id === 'claude-opus-4-9'), false);
  assert.equal(fingerprint(SHIPPED_TABLE), before);
});

// fingerprint

test('fingerprint is stable: the same table, a copy of it, or no overrides give the same value', () => {
  const shipped = fingerprint(SHIPPED_TABLE);
  assert.match(shipped, /^[0-9a-f]{16}$/);
  assert.equal(fingerprint(clone()), shipped);
  assert.equal(fingerprint(applyOverrides(SHIPPED_TABLE, {})), shipped);
});

test('fingerprint changes when any price changes', () => {
  const shipped = fingerprint(SHIPPED_TABLE);
  assert.notEqual(fingerprint(applyOverrides(SHIPPED_TABLE, { 'claude-opus-4-5-20251101': { input: 5.5, output: 25 } })), shipped);
  assert.notEqual(fingerprint(applyOverrides(SHIPPED_TABLE, { 'claude-opus-4-5-20251101': { input: 5, output: 25, cacheRead: 0.4 } })), shipped);
  assert.notEqual(fingerprint(applyOverrides(SHIPPED_TABLE, { 'claude-opus-4-9': { input: 8, output: 40 } })), shipped);
  const periodRate = clone();
  const lc = card(periodRate, 'claude-opus-4-6').periods[0]?.longContext;
  assert.ok(lc);
  lc.cacheRead = 1.1;
  assert.notEqual(fingerprint(periodRate), shipped);
  const periodDate = clone();
  const first = card(periodDate, 'claude-sonnet-5-5').periods[0];
  assert.ok(first);
  first.to = '2026-10-08';
  assert.notEqual(fingerprint(periodDate), shipped);
  const fast = clone();
  card(fast, 'claude-opus-4-8').fast = null;
  assert.notEqual(fingerprint(fast), shipped);
  const geo = clone();
  card(geo, 'claude-opus-4-5-20251101').usMultiplier = 1.1;
  assert.notEqual(fingerprint(geo), shipped);
  // an alias decides which card (which price) a logged id gets
  const alias = clone();
  card(alias, 'claude-fable-5').aliases.push('claude-mythos-5');
  assert.notEqual(fingerprint(alias), shipped);
  assert.notEqual(fingerprint({ ...clone(), webSearchUSDPerRequest: 0.02 }), shipped);
});

test('fingerprint does not change when no price changes (names, sources, notes; an override restating the shipped prices)', () => {
  const shipped = fingerprint(SHIPPED_TABLE);
  const text = clone();
  const opus = card(text, 'claude-opus-4-6');
  opus.displayName = 'Opus 4.6 (renamed)';
  opus.source = 'another source';
  const period = opus.periods[0];
  assert.ok(period);
  period.note = 'another note';
  assert.equal(fingerprint(text), shipped);
  // Opus 4.5 at its shipped 5 / 25 with default cache rates 6.25 / 10 / 0.50: every price is the same
  assert.equal(fingerprint(applyOverrides(SHIPPED_TABLE, { 'claude-opus-4-5-20251101': { input: 5, output: 25 } })), shipped);
});
