// Cross-checks of the shipped table (src/pricing/prices.json) against facts/pricing.md: the standard cache
// multipliers on every rate set of every card, with the §3 exceptions listed by hand, and the §2 list prices.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pricer } from '../../src/pricing/cost.ts';
import { SHIPPED_TABLE, type ModelCard, type Rates } from '../../src/pricing/price-table.ts';
import { assertClose } from './helpers.ts';

const pricer = new Pricer(SHIPPED_TABLE);

/** pricing.md §3: 5m write 1.25×, 1h write 2×, read 0.1× the input rate of the same rate set. */
const MULTIPLIER = { cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 } as const;
const CACHE_FIELDS = ['cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const;

/** pricing.md §3 exceptions, keyed `<card> <rate set> <field>`, with the value the card must carry. */
const EXCEPTIONS = new Map<string, number>([
  // Haiku 3: 0.30 / 0.50 / 0.03, not exact multiples of 0.25 (0.3125 / 0.50 / 0.025)
  ['claude-3-haiku-20240307 rates cacheWrite5m', 0.3],
  ['claude-3-haiku-20240307 rates cacheWrite1h', 0.5], // equal to 2 × 0.25, listed with its row
  ['claude-3-haiku-20240307 rates cacheRead', 0.03],
  // Opus 5.5 read 0.05×: 4 · 0.05 = 0.20; on the fast rate 8 · 0.05 = 0.40
  ['claude-opus-5-5 rates cacheRead', 0.2],
  ['claude-opus-5-5 fast cacheRead', 0.4],
  // Sonnet 5.5 read 0.05× from 2026-10-07: 2 · 0.05 = 0.10 (the card's rate, and the period from that date);
  // before it the standard 2 · 0.1 = 0.20
  ['claude-sonnet-5-5 rates cacheRead', 0.1],
  ['claude-sonnet-5-5 period 2026-10-07→open cacheRead', 0.1],
  // Fable 5.1 (= Mythos 5.1, an alias of the same card) read 0.025×: 10 · 0.025 = 0.25
  ['claude-fable-5-1 rates cacheRead', 0.25],
]);

/** Every rate set a card can price with: its rates, tier, fast rates, and each period's effective rates and tier. */
function rateSets(card: ModelCard): { label: string; rates: Rates }[] {
  const sets = [{ label: 'rates', rates: card.rates }];
  if (card.longContext) sets.push({ label: 'longContext', rates: card.longContext });
  if (card.fast) sets.push({ label: 'fast', rates: card.fast });
  for (const p of card.periods) {
    const label = `period ${p.from ?? 'open'}→${p.to ?? 'open'}`;
    // a ts inside the period: its first millisecond, or the last one before `to` for an open start
    const ts = p.from !== null ? Date.parse(p.from + 'T00:00:00Z') : Date.parse(p.to + 'T00:00:00Z') - 1;
    const inForce = pricer.ratesAt(card, ts);
    sets.push({ label, rates: inForce.rates });
    if (inForce.longContext) sets.push({ label: `${label} longContext`, rates: inForce.longContext });
  }
  return sets;
}

const checked = SHIPPED_TABLE.models.flatMap((card) =>
  rateSets(card).flatMap(({ label, rates }) =>
    CACHE_FIELDS.map((field) => ({ key: `${card.id} ${label} ${field}`, actual: rates[field], standard: rates.input * MULTIPLIER[field] })),
  ),
);

for (const card of SHIPPED_TABLE.models) {
  test(`cache rates of ${card.id} follow 1.25× / 2× / 0.1× input, except the listed exceptions`, () => {
    for (const c of checked.filter((c) => c.key.startsWith(card.id + ' '))) assertClose(c.actual, EXCEPTIONS.get(c.key) ?? c.standard, c.key);
  });
}

test('every listed exception names a rate set of the shipped table (the list is not stale)', () => {
  const keys = new Set(checked.map((c) => c.key));
  for (const key of EXCEPTIONS.keys()) assert.ok(keys.has(key), key);
});

test('the exceptions really differ from the standard multipliers, except Haiku 3’s 1h write', () => {
  const differing = checked.filter((c) => Math.abs(c.actual - c.standard) > 1e-12 * c.standard).map((c) => c.key);
  assert.deepEqual(differing.sort(), [...EXCEPTIONS.keys()].filter((k) => k !== 'claude-3-haiku-20240307 rates cacheWrite1h').sort());
});

// pricing.md §2 and §4, copied by hand: input / output, fast input / output, US ×1.1, card-level long-context tier
// [threshold, input above, output above]. The 4.6 models' tiers are dated periods (tested in cost.test.ts).
const LIST: Record<string, { io: [number, number]; fast: [number, number] | null; us: number | null; tier: [number, number, number] | null }> = {
  'claude-opus-5-5': { io: [4, 20], fast: [8, 40], us: 1.1, tier: null },
  'claude-opus-5': { io: [5, 25], fast: [10, 50], us: 1.1, tier: null },
  'claude-opus-4-8': { io: [5, 25], fast: [10, 50], us: 1.1, tier: null },
  'claude-opus-4-7': { io: [5, 25], fast: [30, 150], us: 1.1, tier: null },
  'claude-opus-4-6': { io: [5, 25], fast: [30, 150], us: 1.1, tier: null },
  'claude-opus-4-5-20251101': { io: [5, 25], fast: null, us: null, tier: null },
  'claude-opus-4-1-20250805': { io: [15, 75], fast: null, us: null, tier: null },
  'claude-opus-4-20250514': { io: [15, 75], fast: null, us: null, tier: null },
  'claude-3-opus-20240229': { io: [15, 75], fast: null, us: null, tier: null },
  'claude-fable-5': { io: [10, 50], fast: null, us: 1.1, tier: null },
  'claude-fable-5-1': { io: [10, 50], fast: null, us: 1.1, tier: null },
  'claude-sonnet-5-5': { io: [2, 10], fast: null, us: 1.1, tier: null },
  'claude-sonnet-5': { io: [2, 10], fast: null, us: 1.1, tier: null },
  'claude-sonnet-4-6': { io: [3, 15], fast: null, us: 1.1, tier: null },
  'claude-sonnet-4-5-20250929': { io: [3, 15], fast: null, us: null, tier: [200_000, 6, 22.5] },
  'claude-sonnet-4-20250514': { io: [3, 15], fast: null, us: null, tier: [200_000, 6, 22.5] },
  'claude-3-7-sonnet-20250219': { io: [3, 15], fast: null, us: null, tier: null },
  'claude-3-5-sonnet-20241022': { io: [3, 15], fast: null, us: null, tier: null },
  'claude-haiku-5-5': { io: [0.1, 0.5], fast: null, us: null, tier: [100_000, 0.5, 2.5] }, // US "not recorded"
  'claude-haiku-4-5-20251001': { io: [1, 5], fast: null, us: null, tier: null },
  'claude-3-5-haiku-20241022': { io: [0.8, 4], fast: null, us: null, tier: null },
  'claude-3-haiku-20240307': { io: [0.25, 1.25], fast: null, us: null, tier: null },
};

test('the shipped table has exactly the cards of pricing.md §2', () => {
  assert.deepEqual(SHIPPED_TABLE.models.map((m) => m.id).sort(), Object.keys(LIST).sort());
});

test('list prices, fast rates, US multiplier and long-context tiers match pricing.md §2 / §4', () => {
  for (const card of SHIPPED_TABLE.models) {
    const want = LIST[card.id];
    assert.ok(want, card.id);
    assert.deepEqual([card.rates.input, card.rates.output], want.io, `${card.id} in / out`);
    assert.deepEqual(card.fast && [card.fast.input, card.fast.output], want.fast, `${card.id} fast`);
    assert.equal(card.usMultiplier, want.us, `${card.id} US`);
    assert.deepEqual(card.longContext && [card.longContext.threshold, card.longContext.input, card.longContext.output], want.tier, `${card.id} tier`);
  }
});

test('table-wide: web search $0.01 per request, standard multipliers 1.25 / 2 / 0.1', () => {
  assert.equal(SHIPPED_TABLE.webSearchUSDPerRequest, 0.01);
  assert.deepEqual(SHIPPED_TABLE.cacheMultipliers, { cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 });
});
