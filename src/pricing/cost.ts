// API-equivalent cost of one deduplicated request, by the rules of facts/pricing.md §1:
// rates in force on the request's UTC date; fast-mode rates when `usage.speed == "fast"` (no long-context
// tier on them); the long-context tier applied to the whole request when its prompt (input + cache writes +
// cache reads) exceeds the threshold; 1h cache writes at their own rate; ×1.1 on tokens for US-only
// inference; $10 per 1,000 web searches. Never a batch discount.
import { ModelMatcher, type MatchKind } from './model-id.ts';
import type { LongContext, ModelCard, PriceTable, Rates } from './price-table.ts';

export interface PricedUsage {
  model: string;
  ts: number;
  fast: boolean;
  geoUs: boolean;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheCreation1hTokens: number;
  cacheReadTokens: number;
  webSearchRequests: number;
}

/** How a request's model was priced: stored with each ledger row, reported in `warnings`. */
export const PriceStatus = { exact: 0, family: 1, unpriced: 2 } as const;
export type PriceStatus = (typeof PriceStatus)[keyof typeof PriceStatus];

export interface Cost {
  usd: number;
  status: PriceStatus;
  /** The card used (for `family` matches, the listed model it was priced as). */
  cardId: string | null;
}

interface DatedRates {
  fromMs: number;
  toMs: number;
  rates: Rates;
  longContext: LongContext | null;
}

const dayMs = (date: string | null, open: number) => (date === null ? open : Date.parse(date + 'T00:00:00Z'));

/** The card's rates cut into date ranges, so a request finds its rates with one comparison per range. */
function datedRates(card: ModelCard): DatedRates[] {
  const cuts = new Set<number>([-Infinity, Infinity]);
  for (const p of card.periods) {
    cuts.add(dayMs(p.from, -Infinity));
    cuts.add(dayMs(p.to, Infinity));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: DatedRates[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const fromMs = sorted[i]!, toMs = sorted[i + 1]!;
    let rates: Rates = card.rates;
    let longContext = card.longContext;
    for (const p of card.periods) {
      if (dayMs(p.from, -Infinity) <= fromMs && toMs <= dayMs(p.to, Infinity)) {
        const { from: _f, to: _t, longContext: lc, note: _n, ...periodRates } = p;
        rates = { ...rates, ...periodRates };
        if (lc !== undefined) longContext = lc;
      }
    }
    out.push({ fromMs, toMs, rates, longContext });
  }
  return out;
}

export class Pricer {
  // built on first use: a warm report or the statusline may price nothing (3–4 ms saved at start-up)
  private matcherCache: ModelMatcher | undefined;
  private datedCache: Map<ModelCard, DatedRates[]> | undefined;
  readonly webSearchUSD: number;

  readonly table: PriceTable;

  constructor(table: PriceTable) {
    this.table = table;
    this.webSearchUSD = table.webSearchUSDPerRequest;
  }

  private get matcher(): ModelMatcher {
    return (this.matcherCache ??= new ModelMatcher(this.table.models));
  }

  private get dated(): Map<ModelCard, DatedRates[]> {
    return (this.datedCache ??= new Map(this.table.models.map((card) => [card, datedRates(card)])));
  }

  /** The card a model id is priced with, and how it matched; null when unpriced. */
  match(model: string): { card: ModelCard; kind: MatchKind } | null {
    return this.matcher.match(model);
  }

  /** How requests of `model` are priced (no usage needed). */
  status(model: string): PriceStatus {
    const m = this.matcher.match(model);
    return m === null ? PriceStatus.unpriced : m.kind === 'exact' ? PriceStatus.exact : PriceStatus.family;
  }

  cost(u: PricedUsage): Cost {
    const m = this.matcher.match(u.model);
    if (!m) return { usd: 0, status: PriceStatus.unpriced, cardId: null };
    return { usd: this.costWith(m.card, u), status: m.kind === 'exact' ? PriceStatus.exact : PriceStatus.family, cardId: m.card.id };
  }

  /** Rates in force for `card` at `ts` (exposed for tests and the price listing). */
  ratesAt(card: ModelCard, ts: number): { rates: Rates; longContext: LongContext | null } {
    let ranges = this.dated.get(card);
    if (!ranges) {
      ranges = datedRates(card);
      this.dated.set(card, ranges);
    }
    for (const r of ranges) if (ts >= r.fromMs && ts < r.toMs) return r;
    return ranges[ranges.length - 1]!;
  }

  private costWith(card: ModelCard, u: PricedUsage): number {
    let { rates, longContext } = this.ratesAt(card, u.ts);
    if (u.fast && card.fast) {
      rates = card.fast;
      longContext = null;
    }
    const prompt = u.inputTokens + u.cacheCreationTokens + u.cacheReadTokens;
    if (longContext && prompt > longContext.threshold) rates = longContext;
    const write1h = u.cacheCreation1hTokens;
    const write5m = u.cacheCreationTokens - write1h;
    let tokensUSD =
      (u.inputTokens * rates.input +
        u.outputTokens * rates.output +
        write5m * rates.cacheWrite5m +
        write1h * rates.cacheWrite1h +
        u.cacheReadTokens * rates.cacheRead) /
      1e6;
    if (u.geoUs && card.usMultiplier) tokensUSD *= card.usMultiplier;
    return tokensUSD + u.webSearchRequests * this.webSearchUSD;
  }
}
