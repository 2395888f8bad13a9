// The price table as data: one card per model, effective-dated periods, sources (prices.json, generated
// from facts/pricing.json by scripts/build-prices.mjs). User overrides from the config file replace or add
// cards; a changed table changes its fingerprint, and the ledger re-prices its rows.
import { fnv1a64 } from '../shared/hash.ts';
import shipped from './prices.json' with { type: 'json' };

/** USD per million tokens. */
export interface Rates {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

/** Request-level long-context tier (pricing.md §4): above `threshold` prompt tokens every category uses these rates. */
export interface LongContext extends Rates {
  threshold: number;
}

export interface PricePeriod extends Partial<Rates> {
  /** UTC date (YYYY-MM-DD), inclusive; null = open. */
  from: string | null;
  /** UTC date, exclusive; null = open. */
  to: string | null;
  /** Present when the period changes the long-context tier (null removes it). */
  longContext?: LongContext | null;
  note?: string;
}

export interface ModelCard {
  id: string;
  displayName: string;
  released?: string | null;
  aliases: string[];
  rates: Rates;
  longContext: LongContext | null;
  /** Fast-mode rates (`usage.speed == "fast"`, pricing.md §5); no long-context tier applies to them. */
  fast: Rates | null;
  /** `inference_geo: "us"` multiplier on token categories (pricing.md §6); null where the model rejects it. */
  usMultiplier: number | null;
  periods: PricePeriod[];
  source: string;
}

export interface PlanCard {
  id: 'pro' | 'max_5x' | 'max_20x';
  name: string;
  priceUSDMonth: number;
  priceUSDMonthAnnual: number | null;
  usageVsPro: number;
  claudeCodePromptsPer5h: string;
  weeklyHoursAug2025: Record<string, string | null>;
  sources: string[];
}

export interface PriceTable {
  asOf: string;
  cacheMultipliers: { cacheWrite5m: number; cacheWrite1h: number; cacheRead: number };
  webSearchUSDPerRequest: number;
  models: ModelCard[];
  plans: PlanCard[];
}

/** A user's price for one model (config `pricing.models`); missing cache rates follow the standard multipliers. */
export interface PriceOverride {
  input: number;
  output: number;
  cacheWrite5m?: number;
  cacheWrite1h?: number;
  cacheRead?: number;
  longContext?: LongContext | null;
  fast?: Rates | null;
}

export const SHIPPED_TABLE = shipped as unknown as PriceTable;

function withCacheDefaults(o: PriceOverride, m: PriceTable['cacheMultipliers']): Rates {
  return {
    input: o.input,
    output: o.output,
    cacheWrite5m: o.cacheWrite5m ?? o.input * m.cacheWrite5m,
    cacheWrite1h: o.cacheWrite1h ?? o.input * m.cacheWrite1h,
    cacheRead: o.cacheRead ?? o.input * m.cacheRead,
  };
}

/**
 * The shipped table with the user's overrides applied. An override replaces a card's base rates on every
 * date; its fast rates and long-context tier stay unless the override sets `fast` / `longContext`.
 */
export function applyOverrides(table: PriceTable, overrides: Readonly<Record<string, PriceOverride>>): PriceTable {
  const entries = Object.entries(overrides);
  if (entries.length === 0) return table;
  const models = table.models.map((m) => ({ ...m }));
  for (const [id, o] of entries) {
    const card: ModelCard = {
      id,
      displayName: id,
      aliases: [],
      rates: withCacheDefaults(o, table.cacheMultipliers),
      longContext: o.longContext ?? null,
      fast: o.fast ?? null,
      usMultiplier: null,
      periods: [],
      source: 'user override (config pricing.models)',
    };
    const at = models.findIndex((m) => m.id === id || m.aliases.includes(id));
    if (at >= 0) {
      const base = models[at]!;
      // base rates replaced on every date (dated periods dropped); the card's fast rates and long-context
      // tier stay unless the override gives its own (null removes them)
      models[at] = {
        ...base,
        ...card,
        id: base.id,
        displayName: base.displayName,
        aliases: base.aliases,
        usMultiplier: base.usMultiplier,
        fast: o.fast === undefined ? base.fast : card.fast,
        longContext: o.longContext === undefined ? base.longContext : card.longContext,
      };
    } else models.push(card);
  }
  return { ...table, models };
}

/** Changes whenever any price changes, and only then: stored in the ledger so a new table re-prices old rows.
 * Hashes what decides a request's price (pricing.md §1): ids and aliases (which card), rates, long-context
 * tier, fast rates, US multiplier, dated periods and the web-search price; not names, sources or notes. */
/** Bumped when the cost or model-matching rules change, so stored costs are recomputed. */
export const PRICING_RULES_VERSION = 1;

export function fingerprint(table: PriceTable): string {
  const priced = table.models.map(({ id, aliases, rates, longContext, fast, usMultiplier, periods }) => ({
    id,
    aliases,
    rates,
    longContext,
    fast,
    usMultiplier,
    periods: periods.map(({ note: _n, ...p }) => p),
  }));
  return fnv1a64(`${PRICING_RULES_VERSION}|${JSON.stringify(priced)}|${table.webSearchUSDPerRequest}`);
}
