// Local estimates of a limit window where no official value stands (API-key users, no statusLine yet,
// offline, or the window reset since the last official value). Calibrated on the user's own history:
// how much API-equivalent cost one percent of the window has been, learned from pairs of official
// values and the logged cost between them. Always labelled `estimate`. Pure.
import type { StoredLimitSnapshot } from '../ledger/limits.ts';
import { projectPace, windowMeta, type LimitWindowView } from './limits.ts';

export interface Calibration {
  window: string;
  /** API-equivalent USD per percent of the window. */
  usdPerPercent: number;
  /** Increases of the official value it was learned from, and their total in percent points. */
  samples: number;
  percentPoints: number;
  /** USD per percent of each rise, for the spread. */
  ratios: number[];
}

const MIN = 60_000;
const HOUR = 3_600_000;

/**
 * Learns USD per percent for `window` from consecutive official values of the same window instance that
 * rose. `costBetween(from, to)` gives the logged cost in (from, to]. Needs at least 3 rises and 5 points.
 */
export function calibrate(history: readonly StoredLimitSnapshot[], window: string, costBetween: (from: number, to: number) => number): Calibration | null {
  const rows = history.filter((s) => s.window === window && s.usedPercent !== null).sort((a, b) => a.firstSeen - b.firstSeen);
  let samples = 0;
  let points = 0;
  let cost = 0;
  const ratios: number[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!, b = rows[i]!;
    const sameInstance = a.resetsAt !== null && b.resetsAt !== null && Math.abs(a.resetsAt - b.resetsAt) <= 5 * MIN;
    const rise = b.usedPercent! - a.usedPercent!;
    if (!sameInstance || rise <= 0) continue;
    const c = costBetween(a.firstSeen, b.firstSeen);
    samples++;
    points += rise;
    cost += c;
    ratios.push(c / rise);
  }
  if (samples < 3 || points < 5 || cost <= 0) return null;
  return { window, usdPerPercent: cost / points, samples, percentPoints: points, ratios };
}

export interface EstimateInput {
  window: string;
  /** Start and end of the window instance to estimate (epoch ms). */
  start: number;
  end: number;
  /** Logged cost since `start`, and over the last hour (for pace). */
  costSinceStart: number;
  costLastHour: number;
  calibration: Calibration;
  now: number;
}

export function estimateWindow(e: EstimateInput): LimitWindowView {
  const meta = windowMeta(e.window);
  const percent = e.costSinceStart / e.calibration.usdPerPercent;
  const perHour = e.costLastHour / e.calibration.usdPerPercent;
  const basis = `estimate: $${e.calibration.usdPerPercent.toFixed(2)} per percent, learned from ${e.calibration.samples} official readings`;
  return {
    window: e.window,
    label: meta.label,
    group: meta.group,
    usedPercent: Math.min(100, percent),
    resetsAt: new Date(e.end).toISOString(),
    resetsInMs: e.end - e.now,
    source: 'estimate',
    observedAt: new Date(e.now).toISOString(),
    ageMs: 0,
    stale: false,
    binding: false,
    pace: projectPace(percent, e.now, e.end, perHour, basis),
  };
}

/** The instance of a weekly window containing `now`, from any earlier official reset time (resets recur weekly). */
export function weeklyInstance(knownResetsAt: number, now: number): { start: number; end: number } {
  const WEEK = 7 * 24 * HOUR;
  let end = knownResetsAt + Math.max(0, Math.ceil((now - knownResetsAt) / WEEK)) * WEEK;
  if (end <= now) end += WEEK;
  return { start: end - WEEK, end };
}
