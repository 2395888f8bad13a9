// The cost rules of facts/pricing.md §1, each checked against a hand-computed dollar amount.
// Rates are USD per MTok, so every sum below is divided by 1e6.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PriceStatus, Pricer } from '../../src/pricing/cost.ts';
import { SHIPPED_TABLE } from '../../src/pricing/price-table.ts';
import { assertClose, at, request } from './helpers.ts';

const pricer = new Pricer(SHIPPED_TABLE);
const usd = (...args: Parameters<typeof request>) => pricer.cost(request(...args)).usd;

// §1 steps 6–7: plain categories

test('plain input, output and cache reads are tokens × rate / 1e6 (Opus 4.5)', () => {
  const cost = pricer.cost(request('claude-opus-4-5-20251101', '2026-01-10T12:00:00Z', { inputTokens: 1_000, outputTokens: 2_000, cacheReadTokens: 100_000 }));
  // 1,000·5 + 2,000·25 + 100,000·0.50 = 105,000 → $0.105
  assertClose(cost.usd, 0.105);
  assert.equal(cost.status, PriceStatus.exact);
  assert.equal(cost.cardId, 'claude-opus-4-5-20251101');
});

test('Haiku 3 uses its own cache prices (0.30 / 0.50 / 0.03), not multiples of its input price', () => {
  const got = usd('claude-3-haiku-20240307', '2025-01-10T12:00:00Z', {
    inputTokens: 10_000,
    outputTokens: 4_000,
    cacheCreationTokens: 22_000,
    cacheCreation1hTokens: 2_000,
    cacheReadTokens: 100_000,
  });
  // 10,000·0.25 + 4,000·1.25 + 20,000·0.30 + 2,000·0.50 + 100,000·0.03 = 2,500 + 5,000 + 6,000 + 1,000 + 3,000 = 17,500 → $0.0175
  assertClose(got, 0.0175);
});

// §1 step 6, §3: 5m and 1h cache writes

test('5m and 1h cache writes: w1h = ephemeral_1h, w5m = cache_creation − w1h (Sonnet 4.5)', () => {
  const got = usd('claude-sonnet-4-5-20250929', '2025-11-01T12:00:00Z', {
    inputTokens: 500,
    outputTokens: 1_000,
    cacheCreationTokens: 40_000,
    cacheCreation1hTokens: 30_000,
    cacheReadTokens: 80_000,
  });
  // prompt 120,500 (below 200K). 500·3 + 1,000·15 + 10,000·3.75 + 30,000·6 + 80,000·0.30
  //   = 1,500 + 15,000 + 37,500 + 180,000 + 24,000 = 258,000 → $0.258
  assertClose(got, 0.258);
});

test('all cache writes 1h: every write at 2× input', () => {
  const got = usd('claude-sonnet-4-5-20250929', '2025-11-01T12:00:00Z', {
    inputTokens: 500,
    outputTokens: 1_000,
    cacheCreationTokens: 40_000,
    cacheCreation1hTokens: 40_000,
    cacheReadTokens: 80_000,
  });
  // 500·3 + 1,000·15 + 40,000·6 + 80,000·0.30 = 1,500 + 15,000 + 240,000 + 24,000 = 280,500 → $0.2805
  assertClose(got, 0.2805);
});

test('no cache_creation split (Claude Code < 1.0.69, 1h count 0): all writes priced as 5m', () => {
  const got = usd('claude-sonnet-4-5-20250929', '2025-11-01T12:00:00Z', {
    inputTokens: 500,
    outputTokens: 1_000,
    cacheCreationTokens: 40_000,
    cacheReadTokens: 80_000,
  });
  // 500·3 + 1,000·15 + 40,000·3.75 + 80,000·0.30 = 1,500 + 15,000 + 150,000 + 24,000 = 190,500 → $0.1905
  assertClose(got, 0.1905);
});

// §1 step 5, §4: request-level long context

test('pricing.md §4 worked example: Sonnet 4.5, prompt 252,000 → whole request at the premium, $0.1845', () => {
  const u = { inputTokens: 2_000, cacheReadTokens: 250_000, outputTokens: 1_000 };
  // 2,000·6 + 250,000·0.60 + 1,000·22.50 = 12,000 + 150,000 + 22,500 = 184,500 → $0.1845 (not ccusage's per-bucket $0.111)
  assertClose(usd('claude-sonnet-4-5-20250929', '2025-11-01T12:00:00Z', u), 0.1845);
  // the `[1m]` setting id and the dateless alias are the same card
  assertClose(usd('claude-sonnet-4-5-20250929[1m]', '2025-11-01T12:00:00Z', u), 0.1845);
  assertClose(usd('claude-sonnet-4-5', '2025-11-01T12:00:00Z', u), 0.1845);
});

test('Sonnet 4.5: prompt 200,001 is above the threshold, every category at the premium', () => {
  const got = usd('claude-sonnet-4-5-20250929', '2025-11-01T12:00:00Z', { inputTokens: 1, cacheCreationTokens: 1_000, cacheReadTokens: 199_000, outputTokens: 2_000 });
  // prompt 1 + 1,000 + 199,000 = 200,001 > 200,000
  // 1·6 + 1,000·7.50 + 199,000·0.60 + 2,000·22.50 = 6 + 7,500 + 119,400 + 45,000 = 171,906 → $0.171906
  assertClose(got, 0.171906);
});

test('Sonnet 4.5: prompt exactly 200,000 is not above the threshold, standard rates', () => {
  const got = usd('claude-sonnet-4-5-20250929', '2025-11-01T12:00:00Z', { inputTokens: 1, cacheCreationTokens: 1_000, cacheReadTokens: 198_999, outputTokens: 2_000 });
  // prompt 1 + 1,000 + 198,999 = 200,000
  // 1·3 + 1,000·3.75 + 198,999·0.30 + 2,000·15 = 3 + 3,750 + 59,699.7 + 30,000 = 93,452.7 → $0.0934527
  assertClose(got, 0.0934527);
});

test('Sonnet 4: prompt 200,001 (with 5m and 1h writes) is at the premium', () => {
  const got = usd('claude-sonnet-4-20250514', '2025-09-01T12:00:00Z', {
    inputTokens: 10_001,
    cacheCreationTokens: 20_000,
    cacheCreation1hTokens: 5_000,
    cacheReadTokens: 170_000,
    outputTokens: 500,
  });
  // prompt 10,001 + 20,000 + 170,000 = 200,001
  // 10,001·6 + 15,000·7.50 + 5,000·12 + 170,000·0.60 + 500·22.50 = 60,006 + 112,500 + 60,000 + 102,000 + 11,250 = 345,756 → $0.345756
  assertClose(got, 0.345756);
});

test('Sonnet 4: prompt exactly 200,000 is at standard rates', () => {
  const got = usd('claude-sonnet-4-20250514', '2025-09-01T12:00:00Z', {
    inputTokens: 10_000,
    cacheCreationTokens: 20_000,
    cacheCreation1hTokens: 5_000,
    cacheReadTokens: 170_000,
    outputTokens: 500,
  });
  // 10,000·3 + 15,000·3.75 + 5,000·6 + 170,000·0.30 + 500·15 = 30,000 + 56,250 + 30,000 + 51,000 + 7,500 = 174,750 → $0.17475
  assertClose(got, 0.17475);
});

test('output does not count toward the long-context threshold', () => {
  const got = usd('claude-sonnet-4-20250514', '2025-09-01T12:00:00Z', { inputTokens: 200_000, outputTokens: 50_000 });
  // prompt 200,000 (output excluded): 200,000·3 + 50,000·15 = 600,000 + 750,000 = 1,350,000 → $1.35
  assertClose(got, 1.35);
});

test('Haiku 5.5: prompt exactly 100,000 is at standard rates', () => {
  const got = usd('claude-haiku-5-5', '2026-10-20T12:00:00Z', {
    inputTokens: 20_000,
    cacheCreationTokens: 10_000,
    cacheCreation1hTokens: 4_000,
    cacheReadTokens: 70_000,
    outputTokens: 3_000,
  });
  // prompt 20,000 + 10,000 + 70,000 = 100,000
  // 20,000·0.10 + 6,000·0.125 + 4,000·0.20 + 70,000·0.01 + 3,000·0.50 = 2,000 + 750 + 800 + 700 + 1,500 = 5,750 → $0.00575
  assertClose(got, 0.00575);
});

test('Haiku 5.5: prompt 100,001 is above its 100K threshold, every category at the tier', () => {
  const got = usd('claude-haiku-5-5', '2026-10-20T12:00:00Z', {
    inputTokens: 20_001,
    cacheCreationTokens: 10_000,
    cacheCreation1hTokens: 4_000,
    cacheReadTokens: 70_000,
    outputTokens: 3_000,
  });
  // prompt 100,001
  // 20,001·0.50 + 6,000·0.625 + 4,000·1.00 + 70,000·0.05 + 3,000·2.50 = 10,000.5 + 3,750 + 4,000 + 3,500 + 7,500 = 28,750.5 → $0.0287505
  assertClose(got, 0.0287505);
});

// §1 step 3, §4: effective-dated long context for the 4.6 models, by the request's UTC date

// Opus 4.6, prompt 5,000 + 10,000 (1h) + 300,000 = 315,000, output 4,000:
//   premium  5,000·10 + 10,000·20 + 300,000·1.00 + 4,000·37.50 = 50,000 + 200,000 + 300,000 + 150,000 = 700,000 → $0.70
//   standard 5,000·5 + 10,000·10 + 300,000·0.50 + 4,000·25 = 25,000 + 100,000 + 150,000 + 100,000 = 375,000 → $0.375
const opus46Long = { inputTokens: 5_000, cacheCreationTokens: 10_000, cacheCreation1hTokens: 10_000, cacheReadTokens: 300_000, outputTokens: 4_000 };

test('Opus 4.6 >200K on 2026-03-12 (last day of the beta period) pays the premium', () => {
  assertClose(usd('claude-opus-4-6', '2026-03-12T12:00:00Z', opus46Long), 0.7);
  assertClose(usd('claude-opus-4-6', '2026-03-12T23:59:59.999Z', opus46Long), 0.7);
});

test('Opus 4.6 >200K from 2026-03-13 00:00 UTC (1M GA) is at standard rates', () => {
  assertClose(usd('claude-opus-4-6', '2026-03-13T00:00:00.000Z', opus46Long), 0.375);
  assertClose(usd('claude-opus-4-6', '2026-03-13T12:00:00Z', opus46Long), 0.375);
});

test('Opus 4.6 period starts at 2026-02-05 00:00 UTC: the millisecond before has no tier', () => {
  assertClose(usd('claude-opus-4-6', '2026-02-04T23:59:59.999Z', opus46Long), 0.375);
  assertClose(usd('claude-opus-4-6', '2026-02-05T00:00:00.000Z', opus46Long), 0.7);
});

test('Opus 4.6 inside the period at prompt exactly 200,000 is at standard rates', () => {
  const got = usd('claude-opus-4-6', '2026-03-01T12:00:00Z', { inputTokens: 5_000, cacheCreationTokens: 10_000, cacheCreation1hTokens: 10_000, cacheReadTokens: 185_000, outputTokens: 4_000 });
  // prompt 200,000: 5,000·5 + 10,000·10 + 185,000·0.50 + 4,000·25 = 25,000 + 100,000 + 92,500 + 100,000 = 317,500 → $0.3175
  assertClose(got, 0.3175);
});

test('the period is chosen by the UTC date, not the local date of the timestamp', () => {
  // 2026-03-13 01:30 at +02:00 is 2026-03-12 23:30 UTC → premium
  assertClose(usd('claude-opus-4-6', '2026-03-13T01:30:00+02:00', opus46Long), 0.7);
  // 2026-03-12 20:00 at −05:00 is 2026-03-13 01:00 UTC → standard
  assertClose(usd('claude-opus-4-6', '2026-03-12T20:00:00-05:00', opus46Long), 0.375);
});

// Sonnet 4.6, prompt 1,000 + 250,000 = 251,000, output 2,000:
//   premium  1,000·6 + 250,000·0.60 + 2,000·22.50 = 6,000 + 150,000 + 45,000 = 201,000 → $0.201
//   standard 1,000·3 + 250,000·0.30 + 2,000·15 = 3,000 + 75,000 + 30,000 = 108,000 → $0.108
const sonnet46Long = { inputTokens: 1_000, cacheReadTokens: 250_000, outputTokens: 2_000 };

test('Sonnet 4.6 >200K: premium from 2026-02-17 00:00 UTC to 2026-03-13 00:00 UTC exclusive', () => {
  assertClose(usd('claude-sonnet-4-6', '2026-02-16T23:59:59.999Z', sonnet46Long), 0.108);
  assertClose(usd('claude-sonnet-4-6', '2026-02-17T00:00:00.000Z', sonnet46Long), 0.201);
  assertClose(usd('claude-sonnet-4-6', '2026-03-12T12:00:00Z', sonnet46Long), 0.201);
  assertClose(usd('claude-sonnet-4-6', '2026-03-13T00:00:00.000Z', sonnet46Long), 0.108);
});

// §2: Sonnet 5.5 cache-read cut on 2026-10-07

test('Sonnet 5.5 cache reads: $0.20 before 2026-10-07 00:00 UTC, $0.10 from it', () => {
  const u = { inputTokens: 1_000, cacheCreationTokens: 10_000, cacheReadTokens: 500_000, outputTokens: 1_000 };
  // before: 1,000·2 + 10,000·2.50 + 500,000·0.20 + 1,000·10 = 2,000 + 25,000 + 100,000 + 10,000 = 137,000 → $0.137
  assertClose(usd('claude-sonnet-5-5', '2026-10-06T23:59:59.999Z', u), 0.137);
  // from:   1,000·2 + 10,000·2.50 + 500,000·0.10 + 1,000·10 = 2,000 + 25,000 + 50,000 + 10,000 = 87,000 → $0.087
  assertClose(usd('claude-sonnet-5-5', '2026-10-07T00:00:00.000Z', u), 0.087);
});

test('ratesAt: Sonnet 5.5 changes only its cache-read rate at the midnight boundary', () => {
  const m = pricer.match('claude-sonnet-5-5');
  assert.ok(m);
  assert.deepEqual(pricer.ratesAt(m.card, at('2026-10-06T23:59:59.999Z')).rates, { input: 2, output: 10, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.2 });
  assert.deepEqual(pricer.ratesAt(m.card, at('2026-10-07T00:00:00.000Z')).rates, { input: 2, output: 10, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.1 });
});

test('ratesAt: Opus 4.6 has a long-context tier only from 2026-02-05 to 2026-03-13 exclusive', () => {
  const m = pricer.match('claude-opus-4-6');
  assert.ok(m);
  assert.equal(pricer.ratesAt(m.card, at('2026-02-04T23:59:59.999Z')).longContext, null);
  assert.equal(pricer.ratesAt(m.card, at('2026-02-05T00:00:00.000Z')).longContext?.threshold, 200_000);
  assert.equal(pricer.ratesAt(m.card, at('2026-03-12T23:59:59.999Z')).longContext?.input, 10);
  assert.equal(pricer.ratesAt(m.card, at('2026-03-13T00:00:00.000Z')).longContext, null);
});

// §1 step 4, §5: fast mode

test('fast mode on Opus 4.8: 2× rates (10 / 50, cache 12.50 / 20 / 1.00)', () => {
  const u = { inputTokens: 3_000, outputTokens: 2_000, cacheCreationTokens: 8_000, cacheCreation1hTokens: 8_000, cacheReadTokens: 40_000 };
  // fast: 3,000·10 + 2,000·50 + 8,000·20 + 40,000·1.00 = 30,000 + 100,000 + 160,000 + 40,000 = 330,000 → $0.33
  assertClose(usd('claude-opus-4-8', '2026-07-01T12:00:00Z', { ...u, fast: true }), 0.33);
  // standard: 3,000·5 + 2,000·25 + 8,000·10 + 40,000·0.50 = 15,000 + 50,000 + 80,000 + 20,000 = 165,000 → $0.165
  assertClose(usd('claude-opus-4-8', '2026-07-01T12:00:00Z', u), 0.165);
});

test('fast mode on Opus 4.6: 6× rates (30 / 150, cache 37.50 / 60 / 3.00)', () => {
  const got = usd('claude-opus-4-6', '2026-04-01T12:00:00Z', { fast: true, inputTokens: 1_000, outputTokens: 1_000, cacheCreationTokens: 4_000, cacheReadTokens: 10_000 });
  // 1,000·30 + 1,000·150 + 4,000·37.50 + 10,000·3.00 = 30,000 + 150,000 + 150,000 + 30,000 = 360,000 → $0.36
  assertClose(got, 0.36);
});

test('fast mode on a model without fast rates is priced at its standard rates', () => {
  const got = usd('claude-opus-4-5-20251101', '2026-01-10T12:00:00Z', { fast: true, inputTokens: 1_000, outputTokens: 2_000, cacheReadTokens: 100_000 });
  // 1,000·5 + 2,000·25 + 100,000·0.50 = 105,000 → $0.105 (as without fast)
  assertClose(got, 0.105);
});

test('fast flag on a model without fast rates keeps its long-context tier (Sonnet 4.5 worked example)', () => {
  const got = usd('claude-sonnet-4-5-20250929', '2025-11-01T12:00:00Z', { fast: true, inputTokens: 2_000, cacheReadTokens: 250_000, outputTokens: 1_000 });
  // 2,000·6 + 250,000·0.60 + 1,000·22.50 = 184,500 → $0.1845
  assertClose(got, 0.1845);
});

test('no long-context tier under fast mode: Opus 4.6 fast >200K inside the premium period is at the flat fast rate', () => {
  const got = usd('claude-opus-4-6', '2026-03-01T12:00:00Z', { ...opus46Long, fast: true });
  // prompt 315,000, but fast: 5,000·30 + 10,000·60 + 300,000·3.00 + 4,000·150 = 150,000 + 600,000 + 900,000 + 600,000 = 2,250,000 → $2.25
  assertClose(got, 2.25);
});

// §1 steps 8–9, §6, §7: data residency and web search

test('inference_geo "us" is ×1.1 on tokens only, not on web searches (Opus 4.6)', () => {
  const got = usd('claude-opus-4-6', '2026-04-01T12:00:00Z', { geoUs: true, inputTokens: 1_000, outputTokens: 1_000, cacheReadTokens: 10_000, webSearchRequests: 2 });
  // (1,000·5 + 1,000·25 + 10,000·0.50) · 1.1 + 2·0.01 = 35,000 · 1.1 / 1e6 + 0.02 = 0.0385 + 0.02 = $0.0585
  assertClose(got, 0.0585);
});

test('inference_geo "us" is ignored on models without the multiplier (Opus 4.5, Sonnet 4.5)', () => {
  const got = usd('claude-opus-4-5-20251101', '2026-01-10T12:00:00Z', { geoUs: true, inputTokens: 1_000, outputTokens: 1_000, cacheReadTokens: 10_000, webSearchRequests: 2 });
  // 1,000·5 + 1,000·25 + 10,000·0.50 = 35,000 → 0.035 + 2·0.01 = $0.055
  assertClose(got, 0.055);
  // worked example, unchanged: $0.1845
  assertClose(usd('claude-sonnet-4-5-20250929', '2025-11-01T12:00:00Z', { geoUs: true, inputTokens: 2_000, cacheReadTokens: 250_000, outputTokens: 1_000 }), 0.1845);
});

test('inference_geo "us" stacks with fast mode and with the long-context premium', () => {
  const fast = usd('claude-opus-4-8', '2026-07-01T12:00:00Z', {
    geoUs: true,
    fast: true,
    inputTokens: 3_000,
    outputTokens: 2_000,
    cacheCreationTokens: 8_000,
    cacheCreation1hTokens: 8_000,
    cacheReadTokens: 40_000,
  });
  // 330,000 (fast, above) · 1.1 = 363,000 → $0.363
  assertClose(fast, 0.363);
  // Sonnet 4.6 premium on 2026-03-01: 201,000 (above) · 1.1 = 221,100 → $0.2211
  assertClose(usd('claude-sonnet-4-6', '2026-03-01T12:00:00Z', { ...sonnet46Long, geoUs: true }), 0.2211);
});

test('web search is $0.01 per request, on top of tokens', () => {
  // 3·0.01 = $0.03
  assertClose(usd('claude-haiku-4-5-20251001', '2026-01-10T12:00:00Z', { webSearchRequests: 3 }), 0.03);
  // 10,000·1 + 500·5 = 12,500 → 0.0125 + 5·0.01 = $0.0625
  assertClose(usd('claude-haiku-4-5-20251001', '2026-01-10T12:00:00Z', { inputTokens: 10_000, outputTokens: 500, webSearchRequests: 5 }), 0.0625);
});

// §1 step 2, §8, §9: which card, and unpriced models

test('a Bedrock id is priced at list price (no regional +10%: that is the cloud bill)', () => {
  const cost = pricer.cost(request('us.anthropic.claude-sonnet-4-5-20250929-v1:0', '2025-11-01T12:00:00Z', { inputTokens: 2_000, cacheReadTokens: 250_000, outputTokens: 1_000 }));
  // worked example: $0.1845
  assertClose(cost.usd, 0.1845);
  assert.equal(cost.status, PriceStatus.exact);
  assert.equal(cost.cardId, 'claude-sonnet-4-5-20250929');
});

test('a new dated snapshot of a listed model is priced as that card with status family', () => {
  const cost = pricer.cost(request('claude-sonnet-4-5-20261201', '2025-11-01T12:00:00Z', { inputTokens: 2_000, cacheReadTokens: 250_000, outputTokens: 1_000 }));
  // Sonnet 4.5 card, worked example: $0.1845
  assertClose(cost.usd, 0.1845);
  assert.equal(cost.status, PriceStatus.family);
  assert.equal(cost.cardId, 'claude-sonnet-4-5-20250929');
});

test('an unknown model is unpriced: status 2, $0, no card, even with tokens and searches', () => {
  const u = { inputTokens: 1_000, outputTokens: 1_000, cacheReadTokens: 50_000, webSearchRequests: 1 };
  assert.deepEqual(pricer.cost(request('claude-opus-4-9', '2026-10-20T12:00:00Z', u)), { usd: 0, status: 2, cardId: null });
  assert.deepEqual(pricer.cost(request('gpt-4o', '2026-10-20T12:00:00Z', u)), { usd: 0, status: PriceStatus.unpriced, cardId: null });
});

test('<synthetic> is never priced', () => {
  assert.deepEqual(pricer.cost(request('<synthetic>', '2026-01-10T12:00:00Z', { inputTokens: 10, outputTokens: 10 })), { usd: 0, status: PriceStatus.unpriced, cardId: null });
});

test('a request with no tokens and no searches costs exactly $0 on a priced model', () => {
  const cost = pricer.cost(request('claude-opus-4-6', '2026-04-01T12:00:00Z', { geoUs: true, fast: true }));
  assert.deepEqual(cost, { usd: 0, status: PriceStatus.exact, cardId: 'claude-opus-4-6' });
});
