// Replays the user's requests against a plan's limits: every 5-hour window (starting with the first request
// after the previous one ended, limits.md §0) and every week fills up; once a window is full, the rest of its
// requests are "overflow": blocked on the plan alone, or paid at API rates as extra usage (the hybrid).
// Requests that plans bill only through usage credits (fast mode everywhere; on Pro, Fable and Opus above
// 200K context: pricing.md §5, §10) never count against limits and are always paid at API rates. Pure.
import type { ActivityPoint } from '../ledger/ledger.ts';
import type { Metric, PlanCapacity, PlanId } from './plan-capacity.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
export const FIVE_HOURS = 5 * HOUR;
export const WEEK = 7 * 24 * HOUR;
/** A gap longer than this in one session starts a new prompt (one prompt drives a burst of tool calls). */
const PROMPT_GAP = MIN;
/** Time between requests counts as active work up to this long. */
const ACTIVE_GAP = 5 * MIN;

/** Per-request measures that do not depend on the plan, computed once. */
export interface Timeline {
  points: readonly ActivityPoint[];
  /** 1 when the request starts a new prompt in its session (main thread only). */
  promptStarts: Uint8Array;
  /** Active work time the request accounts for, in hours. */
  activeHours: Float64Array;
}

export function timeline(points: readonly ActivityPoint[]): Timeline {
  const promptStarts = new Uint8Array(points.length);
  const activeHours = new Float64Array(points.length);
  const lastInSession = new Map<string, number>();
  let last = -Infinity;
  points.forEach((p, i) => {
    const prev = lastInSession.get(p.session);
    if (!p.agent && (prev === undefined || p.ts - prev > PROMPT_GAP)) promptStarts[i] = 1;
    lastInSession.set(p.session, p.ts);
    activeHours[i] = Math.min(Math.max(0, p.ts - last), ACTIVE_GAP) / HOUR;
    last = p.ts;
  });
  return { points, promptStarts, activeHours };
}

/** Billed only through usage credits on this plan, whatever its limits. */
export function creditsOnly(plan: PlanId, p: ActivityPoint): boolean {
  if (p.fast) return true;
  if (plan !== 'pro') return false;
  return /fable|mythos/.test(p.model) || (/opus/.test(p.model) && p.promptTokens > 200_000);
}

export interface Replay {
  /** 1 for a request past a full window. */
  overflow: Uint8Array;
  /** Times at which a 5-hour window or a week filled up. */
  fiveHourHits: number[];
  weeklyHits: number[];
}

function amount(metric: Metric, t: Timeline, i: number): number {
  if (metric === 'usd') return t.points[i]!.costUSD;
  if (metric === 'prompts') return t.promptStarts[i]!;
  return t.activeHours[i]!;
}

export function replay(t: Timeline, plan: PlanCapacity, bound: 'low' | 'mid' | 'high', weekAnchor: number): Replay {
  const capFive = plan.fiveHour.range[bound];
  const capWeek = plan.weekly.range[bound];
  const overflow = new Uint8Array(t.points.length);
  const fiveHourHits: number[] = [];
  const weeklyHits: number[] = [];
  let fiveEnd = -Infinity, fiveUsed = 0, fiveFull = false;
  let weekEnd = -Infinity, weekUsed = 0, weekFull = false;
  t.points.forEach((p, i) => {
    if (creditsOnly(plan.plan, p)) return;
    if (p.ts >= fiveEnd) {
      fiveEnd = Math.floor(p.ts / HOUR) * HOUR + FIVE_HOURS;
      fiveUsed = 0;
      fiveFull = false;
    }
    if (p.ts >= weekEnd) {
      weekEnd = weekAnchor + (Math.floor((p.ts - weekAnchor) / WEEK) + 1) * WEEK;
      weekUsed = 0;
      weekFull = false;
    }
    const a5 = amount(plan.fiveHour.metric, t, i);
    const aw = amount(plan.weekly.metric, t, i);
    if (!fiveFull && fiveUsed + a5 > capFive) {
      fiveFull = true;
      fiveHourHits.push(p.ts);
    }
    if (!weekFull && weekUsed + aw > capWeek) {
      weekFull = true;
      weeklyHits.push(p.ts);
    }
    if (fiveFull || weekFull) overflow[i] = 1;
    else {
      fiveUsed += a5;
      weekUsed += aw;
    }
  });
  return { overflow, fiveHourHits, weeklyHits };
}

export interface PeriodTotals {
  /** API-equivalent cost of requests past a full window. */
  overflowUSD: number;
  /** Cost billed only through usage credits on this plan. */
  creditsUSD: number;
  /** Work time those requests stand for: what the plan alone would have blocked. */
  blockedHours: number;
  fiveHourLockouts: number;
  weeklyLockouts: number;
}

export function totalsIn(t: Timeline, r: Replay, plan: PlanId, from: number, to: number): PeriodTotals {
  const out: PeriodTotals = { overflowUSD: 0, creditsUSD: 0, blockedHours: 0, fiveHourLockouts: 0, weeklyLockouts: 0 };
  t.points.forEach((p, i) => {
    if (p.ts < from || p.ts >= to) return;
    if (creditsOnly(plan, p)) out.creditsUSD += p.costUSD;
    else if (r.overflow[i]) {
      out.overflowUSD += p.costUSD;
      out.blockedHours += t.activeHours[i]!;
    }
  });
  out.fiveHourLockouts = r.fiveHourHits.filter((h) => h >= from && h < to).length;
  out.weeklyLockouts = r.weeklyHits.filter((h) => h >= from && h < to).length;
  return out;
}
