// `ccmeter plan`: the advisor's inputs gathered from the ledger (months, the activity timeline, official limit
// readings for calibration) and the current plan from Claude Code's own records.
import type { Ledger } from '../ledger/ledger.ts';
import { calibrate } from '../model/estimates.ts';
import { capacities, rangeOf, type Calibrated, type PlanId } from '../model/plan-capacity.ts';
import { advise, type PlanReport } from '../model/plan.ts';
import type { PlanCard } from '../pricing/price-table.ts';
import { addDays, localDate, localMidnight } from '../shared/tz.ts';
import { planFromTier, tierFromClaudeJson } from '../sources/claude/plan-tier.ts';
import { costIndex } from './limits.ts';

const DAY = 86_400_000;
/** A Monday, 00:00 UTC: weeks are counted from it when no official weekly reset time is known. */
const MONDAY = Date.UTC(1970, 0, 5);

export interface PlanQuery {
  tz: string;
  now: number;
  /** Past calendar months to show (the current one included). */
  months: number;
  whatIf?: PlanId | undefined;
  /** Overrides detection (`--current`). */
  current?: PlanId | undefined;
  env: { CLAUDE_CONFIG_DIR?: string | undefined; HOME?: string | undefined; CLAUDE_CODE_OAUTH_TOKEN?: string | undefined; USER?: string | undefined };
}

/** The plan Claude Code says the user is on: credentials first, then ~/.claude.json. */
export async function detectPlan(env: PlanQuery['env']): Promise<{ id: PlanId; source: string } | null> {
  const { readCredentials } = await import('../sources/oauth/credentials.ts');
  const creds = readCredentials(env);
  if (creds.ok) {
    const id = planFromTier(creds.credentials.rateLimitTier, creds.credentials.subscriptionType);
    if (id) return { id, source: `Claude Code credentials (${creds.credentials.rateLimitTier ?? creds.credentials.subscriptionType})` };
  }
  const tier = tierFromClaudeJson(env);
  const id = planFromTier(tier);
  return id ? { id, source: `~/.claude.json (${tier})` } : null;
}

function monthStarts(tz: string, now: number, months: number): string[] {
  const today = localDate(tz, now);
  const out: string[] = [];
  let y = Number(today.slice(0, 4)), m = Number(today.slice(5, 7));
  for (let i = 0; i < months; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}-01`);
    m--;
    if (m === 0) (m = 12), y--;
  }
  return out;
}

export async function planReport(ledger: Ledger, cards: readonly PlanCard[], q: PlanQuery): Promise<PlanReport> {
  const starts = monthStarts(q.tz, q.now, q.months);
  const tomorrow = localMidnight(q.tz, addDays(localDate(q.tz, q.now), 1));
  const monthly = await ledger.rollup({ groupBy: 'month', tz: q.tz, since: localMidnight(q.tz, starts[0]!), until: tomorrow });
  const periods = starts.map((start, i) => {
    const key = start.slice(0, 7);
    const next = starts[i + 1];
    return {
      key,
      from: localMidnight(q.tz, start),
      to: next ? localMidnight(q.tz, next) : tomorrow,
      // exactly what `ccmeter monthly` reports for the month: the same query, summed the same way
      apiCostUSD: monthly.filter((r) => r.key === key).reduce((s, r) => s + r.costUSD, 0),
    };
  });
  const last30 = { from: q.now - 30 * DAY, to: q.now };
  const last30Cells = await ledger.rollup({ groupBy: 'all', tz: q.tz, since: last30.from, until: last30.to });
  periods.push({ key: 'last-30-days', ...last30, apiCostUSD: last30Cells.reduce((s, r) => s + r.costUSD, 0) });

  const since = Math.min(...periods.map((p) => p.from)) - 7 * DAY;
  const [points, history, minutes] = await Promise.all([
    ledger.activity({ since, until: q.now }),
    ledger.limitHistory({ since: q.now - 60 * DAY }),
    ledger.rollup({ groupBy: 'minute', tz: 'UTC', since: q.now - 60 * DAY }),
  ]);
  const detected = q.current ? { id: q.current, source: '--current' } : await detectPlan(q.env);
  const card = detected && cards.find((c) => c.id === detected.id);
  const cost = costIndex(minutes);
  const five = calibrate(history, 'five_hour', cost);
  const week = calibrate(history, 'seven_day', cost);
  const calibrated: Calibrated | null = detected && (five || week) ? { current: detected.id, fiveHourUsdPerPercent: rangeOf(five?.ratios ?? []), weeklyUsdPerPercent: rangeOf(week?.ratios ?? []) } : null;
  const { plans, basis } = capacities(cards, calibrated);
  const weeklyReset = history.filter((s) => s.window === 'seven_day' && s.resetsAt !== null).at(-1)?.resetsAt;
  const report = advise({
    points,
    periods,
    capacities: plans,
    basis,
    cards,
    currentPlan: detected && card ? { id: detected.id, name: card.name, source: detected.source } : null,
    weekAnchor: weeklyReset ?? MONDAY,
    now: q.now,
    tz: q.tz,
    ...(q.whatIf ? { whatIf: q.whatIf } : {}),
  });
  if (!detected) report.warnings.push('Your current plan is not known (no Claude Code login found): lockouts use the published capacities. Pass --current pro|max_5x|max_20x to say it.');
  else if (!calibrated) report.warnings.push('No official limit readings yet: install the statusline (`ccmeter statusline install`) so plan advice can learn your real limits.');
  return report;
}
