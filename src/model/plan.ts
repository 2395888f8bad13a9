// The plan advisor: API pay-as-you-go, Pro, Max 5x or Max 20x, decided on the user's own history. For each
// period it prices every option (the subscription, plus API rates for what its limits would not hold: the
// hybrid), counts the lockouts each plan alone would have caused, and recommends one with its reasons. Pure.
import type { ActivityPoint } from '../ledger/ledger.ts';
import type { PlanCard } from '../pricing/price-table.ts';
import { PLAN_IDS, type CapacityBasis, type PlanCapacity, type PlanId, type Range } from './plan-capacity.ts';
import { replay, timeline, totalsIn, type Timeline } from './plan-simulation.ts';

export type OptionId = 'api' | PlanId;

/** Ranges run optimistic (`low`: the plan holds the most) to pessimistic (`high`). */
export interface OptionOutcome {
  option: OptionId;
  name: string;
  /** The subscription for the period (0 on the API). */
  priceUSD: number;
  /** Paid at API rates on top: overflow past full windows, and what the plan bills only through credits. */
  extraUSD: Range;
  totalUSD: Range;
  fiveHourLockouts: Range;
  weeklyLockouts: Range;
  /** Hours of work the plan alone would have blocked. */
  blockedHours: Range;
}

export interface PlanPeriod {
  /** `2026-10` for a calendar month, `last-30-days`. */
  key: string;
  from: string;
  to: string;
  /** Exactly the cost `ccmeter monthly` gives for the month. */
  apiCostUSD: number;
  options: OptionOutcome[];
  /** The cheapest option in total (middle estimate). */
  cheapest: OptionId;
}

export interface UsageProfile {
  days: number;
  activeDays: number;
  dailyCostUSD: { mean: number; median: number; p90: number; max: number };
  /** Standard deviation over mean of the daily cost (days without use count as 0). */
  variation: number;
  pattern: 'steady' | 'bursty' | 'idle';
  longestSessions: { session: string; hours: number; costUSD: number }[];
  /** Share of requests whose prompt was above 200K tokens. */
  longContextShare: number;
  modelMix: { model: string; costShare: number }[];
  fastModeUSD: number;
}

export interface Recommendation {
  option: OptionId;
  name: string;
  /** Middle estimate for a month like the last 30 days. */
  monthlyUSD: number;
  reasons: string[];
}

/** The JSON shape of `ccmeter plan --json`. */
export interface PlanReport {
  generatedAt: string;
  tz: string;
  currentPlan: { id: PlanId; name: string; source: string } | null;
  basis: CapacityBasis;
  periods: PlanPeriod[];
  profile: UsageProfile;
  recommendation: Recommendation;
  breakEven: { option: PlanId; name: string; apiCostUSD: number; note: string }[];
  /** `--plan X`: that plan's lockouts in the last 30 days. */
  whatIf?: { option: PlanId; name: string; lockouts: { at: string; window: '5-hour' | 'weekly' }[]; period: OptionOutcome };
  warnings: string[];
}

export interface AdviceInput {
  points: readonly ActivityPoint[];
  periods: { key: string; from: number; to: number; apiCostUSD: number }[];
  capacities: readonly PlanCapacity[];
  basis: CapacityBasis;
  cards: readonly PlanCard[];
  currentPlan: PlanReport['currentPlan'];
  weekAnchor: number;
  now: number;
  tz: string;
  whatIf?: PlanId;
}

const LAST_30 = 'last-30-days';
const usd = (n: number) => `$${n.toFixed(n >= 100 ? 0 : 2)}`;
const range = (f: (b: 'low' | 'mid' | 'high') => number): Range => ({ low: f('low'), mid: f('mid'), high: f('high') });
/** Optimistic first: the highest capacity (`high` bound) gives the fewest lockouts. */
const OPTIMISTIC = { low: 'high', mid: 'mid', high: 'low' } as const;

function displayName(card: PlanCard | undefined, id: OptionId): string {
  if (id === 'api') return 'API (pay as you go)';
  return { pro: 'Pro', max_5x: 'Max 5x', max_20x: 'Max 20x' }[id] + (card ? ` ($${card.priceUSDMonth}/mo)` : '');
}

export function advise(input: AdviceInput): PlanReport {
  const t = timeline(input.points);
  const cards = new Map(input.cards.map((c) => [c.id, c]));
  const replays = new Map(
    input.capacities.map((c) => [c.plan, { low: replay(t, c, 'low', input.weekAnchor), mid: replay(t, c, 'mid', input.weekAnchor), high: replay(t, c, 'high', input.weekAnchor) }]),
  );
  const periods = input.periods.map((p) => period(t, p, input.capacities, replays, cards));
  const last = periods.find((p) => p.key === LAST_30) ?? periods[periods.length - 1]!;
  const profileFrom = input.periods.find((p) => p.key === LAST_30)?.from ?? input.now - 30 * 86_400_000;
  const profile = usageProfile(input.points.filter((p) => p.ts >= profileFrom && p.ts < input.now), profileFrom, input.now);
  const report: PlanReport = {
    generatedAt: new Date(input.now).toISOString(),
    tz: input.tz,
    currentPlan: input.currentPlan,
    basis: input.basis,
    periods,
    profile,
    recommendation: recommend(last, profile, input.basis),
    breakEven: PLAN_IDS.flatMap((id) => {
      const card = cards.get(id);
      if (!card) return [];
      return [{ option: id, name: displayName(card, id), apiCostUSD: card.priceUSDMonth, note: `pays off when a month of your usage that fits its limits would cost more than ${usd(card.priceUSDMonth)} on the API` }];
    }),
    warnings: [],
  };
  if (input.whatIf) report.whatIf = whatIf(input.whatIf, last, replays, cards, input.periods.find((p) => p.key === LAST_30));
  return report;
}

function period(
  t: Timeline,
  p: AdviceInput['periods'][number],
  caps: readonly PlanCapacity[],
  replays: Map<PlanId, Record<'low' | 'mid' | 'high', ReturnType<typeof replay>>>,
  cards: Map<PlanId, PlanCard>,
): PlanPeriod {
  const api: OptionOutcome = {
    option: 'api',
    name: displayName(undefined, 'api'),
    priceUSD: 0,
    extraUSD: range(() => p.apiCostUSD),
    totalUSD: range(() => p.apiCostUSD),
    fiveHourLockouts: range(() => 0),
    weeklyLockouts: range(() => 0),
    blockedHours: range(() => 0),
  };
  const options = [api];
  for (const c of caps) {
    const r = replays.get(c.plan)!;
    const totals = {
      low: totalsIn(t, r[OPTIMISTIC.low], c.plan, p.from, p.to),
      mid: totalsIn(t, r[OPTIMISTIC.mid], c.plan, p.from, p.to),
      high: totalsIn(t, r[OPTIMISTIC.high], c.plan, p.from, p.to),
    };
    const price = cards.get(c.plan)?.priceUSDMonth ?? 0;
    const extra = range((b) => totals[b].overflowUSD + totals[b].creditsUSD);
    options.push({
      option: c.plan,
      name: displayName(cards.get(c.plan), c.plan),
      priceUSD: price,
      extraUSD: extra,
      totalUSD: range((b) => price + extra[b]),
      fiveHourLockouts: range((b) => totals[b].fiveHourLockouts),
      weeklyLockouts: range((b) => totals[b].weeklyLockouts),
      blockedHours: range((b) => totals[b].blockedHours),
    });
  }
  const cheapest = [...options].sort((a, b) => a.totalUSD.mid - b.totalUSD.mid || a.blockedHours.mid - b.blockedHours.mid)[0]!.option;
  return { key: p.key, from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString(), apiCostUSD: p.apiCostUSD, options, cheapest };
}

export function usageProfile(points: readonly ActivityPoint[], from: number, to: number): UsageProfile {
  const days = Math.max(1, Math.round((to - from) / 86_400_000));
  const daily = new Array<number>(days).fill(0);
  const sessions = new Map<string, { first: number; last: number; cost: number }>();
  const models = new Map<string, number>();
  let total = 0, longContext = 0, fast = 0;
  for (const p of points) {
    const d = Math.min(days - 1, Math.max(0, Math.floor((p.ts - from) / 86_400_000)));
    daily[d]! += p.costUSD;
    total += p.costUSD;
    const s = sessions.get(p.session) ?? { first: p.ts, last: p.ts, cost: 0 };
    s.first = Math.min(s.first, p.ts);
    s.last = Math.max(s.last, p.ts);
    s.cost += p.costUSD;
    sessions.set(p.session, s);
    models.set(p.model, (models.get(p.model) ?? 0) + p.costUSD);
    if (p.promptTokens > 200_000) longContext++;
    if (p.fast) fast += p.costUSD;
  }
  const sorted = [...daily].sort((a, b) => a - b);
  const mean = total / days;
  const sd = Math.sqrt(daily.reduce((s, x) => s + (x - mean) ** 2, 0) / days);
  const activeDays = daily.filter((x) => x > 0).length;
  const variation = mean > 0 ? sd / mean : 0;
  return {
    days,
    activeDays,
    dailyCostUSD: { mean, median: sorted[Math.floor((days - 1) / 2)]!, p90: sorted[Math.floor(0.9 * (days - 1))]!, max: sorted[days - 1]! },
    variation,
    pattern: activeDays === 0 ? 'idle' : activeDays >= days / 2 && variation <= 1 ? 'steady' : 'bursty',
    longestSessions: [...sessions]
      .map(([session, s]) => ({ session, hours: (s.last - s.first) / 3_600_000, costUSD: s.cost }))
      .sort((a, b) => b.hours - a.hours)
      .slice(0, 3),
    longContextShare: points.length ? longContext / points.length : 0,
    modelMix: [...models].map(([model, c]) => ({ model, costShare: total > 0 ? c / total : 0 })).sort((a, b) => b.costShare - a.costShare).slice(0, 5),
    fastModeUSD: fast,
  };
}

function recommend(p: PlanPeriod, profile: UsageProfile, basis: CapacityBasis): Recommendation {
  const api = p.options.find((o) => o.option === 'api')!;
  const best = p.options.find((o) => o.option === p.cheapest)!;
  const reasons: string[] = [];
  if (profile.pattern === 'idle') {
    return { option: 'api', name: api.name, monthlyUSD: 0, reasons: ['No Claude Code usage in the last 30 days: pay as you go costs nothing when unused.'] };
  }
  reasons.push(`Your last 30 days would have cost ${usd(api.totalUSD.mid)} on the API, over ${profile.activeDays} active days.`);
  if (best.option === 'api') {
    const plans = p.options.filter((o) => o.option !== 'api').sort((a, b) => a.totalUSD.mid - b.totalUSD.mid);
    const next = plans[0];
    if (next) reasons.push(`The cheapest plan, ${next.name}, would have come to about ${usd(next.totalUSD.mid)} with API rates for what its limits would not hold.`);
    if (profile.pattern === 'bursty') reasons.push(`Your use is bursty (active ${profile.activeDays} of ${profile.days} days): a subscription is paid in quiet months too.`);
  } else {
    const locks = best.fiveHourLockouts.mid + best.weeklyLockouts.mid;
    reasons.push(
      locks === 0
        ? `${best.name} would have held all of it without a lockout (range ${best.fiveHourLockouts.low}–${best.fiveHourLockouts.high} five-hour lockouts).`
        : `${best.name} would have locked you out about ${best.fiveHourLockouts.mid} five-hour windows and ${best.weeklyLockouts.mid} weeks (${best.blockedHours.mid.toFixed(1)} hours of work); paying API rates for that overflow (usage credits) brings it to about ${usd(best.totalUSD.mid)}.`,
    );
    reasons.push(`That saves about ${usd(api.totalUSD.mid - best.totalUSD.mid)} a month against the API.`);
    const bigger = p.options.filter((o) => o.option !== 'api' && o.priceUSD > best.priceUSD && o.blockedHours.mid < best.blockedHours.mid).sort((a, b) => a.priceUSD - b.priceUSD)[0];
    if (bigger && best.blockedHours.mid >= 1) {
      reasons.push(`${bigger.name} would avoid ${(best.blockedHours.mid - bigger.blockedHours.mid).toFixed(1)} of those blocked hours for ${usd(bigger.totalUSD.mid - best.totalUSD.mid)} more.`);
    }
  }
  if (profile.longContextShare >= 0.05) {
    reasons.push(`${(profile.longContextShare * 100).toFixed(0)}% of your requests had prompts above 200K tokens: on Pro, Opus at that size runs only on usage credits (API rates).`);
  }
  if (profile.fastModeUSD > 0) reasons.push(`Fast mode (${usd(profile.fastModeUSD)}) is billed at API rates on every option, so it is in every total.`);
  reasons.push(`Limits ${basis.description}`);
  reasons.push('API-equivalent cost is what these requests cost at list price; on an API key Claude Code caches for 5 minutes, not an hour, so a real API bill differs.');
  return { option: best.option, name: best.name, monthlyUSD: best.totalUSD.mid, reasons };
}

function whatIf(
  plan: PlanId,
  last: PlanPeriod,
  replays: Map<PlanId, Record<'low' | 'mid' | 'high', ReturnType<typeof replay>>>,
  cards: Map<PlanId, PlanCard>,
  window: { from: number; to: number } | undefined,
): NonNullable<PlanReport['whatIf']> {
  const r = replays.get(plan)?.mid;
  const inWindow = (ts: number) => !window || (ts >= window.from && ts < window.to);
  const lockouts = r
    ? [
        ...r.fiveHourHits.filter(inWindow).map((ts) => ({ at: new Date(ts).toISOString(), window: '5-hour' as const })),
        ...r.weeklyHits.filter(inWindow).map((ts) => ({ at: new Date(ts).toISOString(), window: 'weekly' as const })),
      ].sort((a, b) => (a.at < b.at ? -1 : 1))
    : [];
  return { option: plan, name: displayName(cards.get(plan), plan), lockouts, period: last.options.find((o) => o.option === plan)! };
}
