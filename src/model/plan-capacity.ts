// How much of the user's work each plan holds: per 5-hour window and per week, as a low–high range.
// Calibrated from the user's own official limit readings when they exist (USD of API-equivalent usage per
// percent of a window, on the plan the user has now, scaled by the plans' published multiples: Pro 1×,
// Max 5× and 20×); otherwise the last published capacities (Claude Code prompts per 5 hours, hours of Sonnet
// per week, Aug 2025: pricing.md §10), labelled as such, since Anthropic has raised them since.
import type { PlanCard } from '../pricing/price-table.ts';

export type PlanId = 'pro' | 'max_5x' | 'max_20x';
export const PLAN_IDS: readonly PlanId[] = ['pro', 'max_5x', 'max_20x'];

export interface Range {
  low: number;
  mid: number;
  high: number;
}

/** What a window's capacity is measured in. */
export type Metric = 'usd' | 'prompts' | 'activeHours';

export interface WindowCapacity {
  metric: Metric;
  range: Range;
}

export interface PlanCapacity {
  plan: PlanId;
  fiveHour: WindowCapacity;
  weekly: WindowCapacity;
}

export interface CapacityBasis {
  kind: 'calibrated' | 'published';
  /** In words, with its uncertainty. */
  description: string;
}

/** "10-40" → {low 10, high 40, mid 25}. */
export function parseRange(text: string | null | undefined): Range | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)\s*$/.exec(text ?? '');
  if (!m) return null;
  const low = Number(m[1]), high = Number(m[2]);
  return { low, high, mid: (low + high) / 2 };
}

export function scale(r: Range, k: number): Range {
  return { low: r.low * k, mid: r.mid * k, high: r.high * k };
}

export function publishedCapacity(card: PlanCard): PlanCapacity {
  const prompts = parseRange(card.claudeCodePromptsPer5h) ?? { low: 10, mid: 25, high: 40 };
  const hours = parseRange(card.weeklyHoursAug2025['sonnet_4']) ?? { low: 40, mid: 60, high: 80 };
  return { plan: card.id, fiveHour: { metric: 'prompts', range: prompts }, weekly: { metric: 'activeHours', range: hours } };
}

/** Quartiles of the per-reading USD-per-percent ratios give the range; the median its middle. */
export function rangeOf(values: readonly number[]): Range | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const q = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.round(p * (v.length - 1))))]!;
  return { low: q(0.25), mid: q(0.5), high: q(0.75) };
}

export interface Calibrated {
  current: PlanId;
  /** USD per percent of the current plan's 5-hour window, and of its weekly window (null: not enough readings). */
  fiveHourUsdPerPercent: Range | null;
  weeklyUsdPerPercent: Range | null;
}

/** Capacities for every plan: calibrated where the readings allow, published otherwise. */
export function capacities(cards: readonly PlanCard[], calibrated: Calibrated | null): { plans: PlanCapacity[]; basis: CapacityBasis } {
  const byId = new Map(cards.map((c) => [c.id, c]));
  const current = calibrated ? byId.get(calibrated.current) : undefined;
  const plans = PLAN_IDS.flatMap((id) => {
    const card = byId.get(id);
    if (!card) return [];
    const published = publishedCapacity(card);
    if (!calibrated || !current) return [published];
    const k = card.usageVsPro / current.usageVsPro;
    const five = calibrated.fiveHourUsdPerPercent;
    const week = calibrated.weeklyUsdPerPercent;
    return [
      {
        plan: id,
        fiveHour: five ? { metric: 'usd' as const, range: scale(five, 100 * k) } : published.fiveHour,
        weekly: week ? { metric: 'usd' as const, range: scale(week, 100 * k) } : published.weekly,
      },
    ];
  });
  const usable = calibrated && current && (calibrated.fiveHourUsdPerPercent || calibrated.weeklyUsdPerPercent);
  const basis: CapacityBasis = usable
    ? {
        kind: 'calibrated',
        description:
          `calibrated on your official limit readings on ${current.name}` +
          (calibrated.fiveHourUsdPerPercent ? `: a 5-hour window holds about $${(calibrated.fiveHourUsdPerPercent.mid * 100).toFixed(0)} of API-equivalent usage` : '') +
          (calibrated.weeklyUsdPerPercent ? `, a week about $${(calibrated.weeklyUsdPerPercent.mid * 100).toFixed(0)}` : '') +
          '; other plans scaled by their published multiples (5×, 20× Pro). Ranges are the spread of your readings.',
      }
    : {
        kind: 'published',
        description:
          'from the last published capacities (Claude Code prompts per 5 hours, Sonnet hours per week, Aug 2025), which Anthropic has raised since: treat lockout counts as upper estimates. Install the statusline so ccmeter can calibrate on your real limits.',
      };
  return { plans, basis };
}
