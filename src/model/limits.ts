// Limit windows as the user should see them (facts/limits.md): the freshest official value per window with
// its age, stale values marked (never blanked), the binding window, and pace: at the recent burn rate, does
// the window run out before it resets, and when. Pure: `now` and the observations come in as arguments.
import type { StoredLimitSnapshot } from '../ledger/limits.ts';

export type WindowGroup = 'session' | 'weekly' | 'extra' | 'other';

export interface Pace {
  /** Percent of the window used per hour recently. */
  percentPerHour: number;
  /** When the window reaches 100% at this rate (ISO), or null when it does not grow. */
  runsOutAt: string | null;
  /** True when that is before the window resets. */
  runsOutBeforeReset: boolean;
  /** Percent expected at reset at this rate (may exceed 100). */
  projectedAtReset: number | null;
  /** What the rate is measured on, in words. */
  basis: string;
}

export interface LimitWindowView {
  window: string;
  label: string;
  group: WindowGroup;
  /** 0–100, or null when unknown. */
  usedPercent: number | null;
  resetsAt: string | null;
  resetsInMs: number | null;
  /** `estimate`: derived from local logs, calibrated on official values (limits.md §0 D). */
  source: 'statusline' | 'oauth' | 'estimate';
  observedAt: string | null;
  ageMs: number | null;
  /** Older than the window's freshness limit: shown with its age, never hidden. */
  stale: boolean;
  /** This window is the one that would lock the user out first. */
  binding: boolean;
  pace: Pace | null;
  /** Usage credits: money. */
  usedUSD?: number | null;
  limitUSD?: number | null;
  currency?: string | null;
}

/** The JSON shape of `ccmeter limits --json`. */
export interface LimitsView {
  generatedAt: string;
  windows: LimitWindowView[];
  /** The binding window's id, or null. */
  binding: string | null;
  notes: string[];
}

const MIN = 60_000;
const HOUR = 3_600_000;

interface WindowMeta {
  label: string;
  group: WindowGroup;
  order: number;
  staleAfterMs: number;
}

/** What each window id means; ids not listed are kept and humanized (limits.md §2 decoding rules). */
export function windowMeta(id: string, detailLabel?: unknown): WindowMeta {
  const label = typeof detailLabel === 'string' && detailLabel ? detailLabel : null;
  if (id === 'five_hour') return { label: label ?? 'Session (5h)', group: 'session', order: 0, staleAfterMs: 30 * MIN };
  if (id === 'seven_day') return { label: label ?? 'Week, all models', group: 'weekly', order: 1, staleAfterMs: 3 * HOUR };
  if (id === 'extra_usage') return { label: label ?? 'Usage credits', group: 'extra', order: 9, staleAfterMs: 6 * HOUR };
  if (id.startsWith('seven_day_')) {
    const name = id.slice('seven_day_'.length).replace(/_/g, ' ');
    return { label: label ?? `Week, ${name.charAt(0).toUpperCase()}${name.slice(1)}`, group: 'weekly', order: 2, staleAfterMs: 3 * HOUR };
  }
  return { label: label ?? id.replace(/_/g, ' '), group: 'other', order: 5, staleAfterMs: 3 * HOUR };
}

/** Two observations of one window closer than this are "at the same time": the higher one wins. */
const SAME_TIME_MS = 2 * MIN;

/** The value to show for a window: the freshest source; the higher value when both are that fresh (statusLine reads about a point under /usage). */
function pick(candidates: StoredLimitSnapshot[]): StoredLimitSnapshot {
  const sorted = [...candidates].sort((a, b) => b.observedAt - a.observedAt);
  const newest = sorted[0]!;
  let best = newest;
  for (const c of sorted.slice(1)) {
    if (newest.observedAt - c.observedAt <= SAME_TIME_MS && (c.usedPercent ?? -1) > (best.usedPercent ?? -1)) best = c;
  }
  return best;
}

/** Rate from the official samples of the same window instance over the last hour. */
export function paceOf(history: readonly StoredLimitSnapshot[], current: StoredLimitSnapshot, now: number): Pace | null {
  if (current.usedPercent === null) return null;
  const sameInstance = (s: StoredLimitSnapshot) =>
    s.window === current.window && s.usedPercent !== null && (s.resetsAt === null || current.resetsAt === null || Math.abs(s.resetsAt - current.resetsAt) <= 5 * MIN);
  // each stored row is a value seen from firstSeen to observedAt: use both ends as points
  const points: [number, number][] = [];
  for (const s of history) {
    if (!sameInstance(s)) continue;
    points.push([s.firstSeen, s.usedPercent!], [s.observedAt, s.usedPercent!]);
  }
  points.push([current.observedAt, current.usedPercent]);
  const recent = points.filter(([t]) => t >= now - HOUR).sort((a, b) => a[0] - b[0]);
  if (recent.length < 2) return null;
  const [t0, p0] = recent[0]!;
  const [t1, p1] = recent[recent.length - 1]!;
  if (t1 - t0 < 5 * MIN) return null;
  const perHour = Math.max(0, ((p1 - p0) / (t1 - t0)) * HOUR);
  const minutes = Math.round((t1 - t0) / MIN);
  const basis = `official values over the last ${minutes} min`;
  return projectPace(current.usedPercent, current.observedAt, current.resetsAt, perHour, basis);
}

export function projectPace(percent: number, at: number, resetsAt: number | null, perHour: number, basis: string): Pace {
  const runsOut = perHour > 0 ? at + ((100 - percent) / perHour) * HOUR : null;
  return {
    percentPerHour: perHour,
    runsOutAt: runsOut === null ? null : new Date(Math.max(runsOut, at)).toISOString(),
    runsOutBeforeReset: runsOut !== null && resetsAt !== null && runsOut < resetsAt,
    projectedAtReset: resetsAt === null ? null : percent + (perHour * Math.max(0, resetsAt - at)) / HOUR,
    basis,
  };
}

export interface LimitsInput {
  latest: readonly StoredLimitSnapshot[];
  /** Recent rows (at least the last hour) for pace. */
  history: readonly StoredLimitSnapshot[];
  now: number;
  /** Local estimates for windows without a valid official value (see estimates.ts). */
  estimates?: readonly LimitWindowView[];
}

export function buildLimitsView({ latest, history, now, estimates = [] }: LimitsInput): LimitsView {
  const notes: string[] = [];
  const byWindow = new Map<string, StoredLimitSnapshot[]>();
  for (const s of latest) byWindow.set(s.window, [...(byWindow.get(s.window) ?? []), s]);
  const windows: LimitWindowView[] = [];
  for (const [id, candidates] of byWindow) {
    const s = pick(candidates);
    const meta = windowMeta(id, s.detail?.['label']);
    if (s.resetsAt !== null && s.resetsAt <= now) {
      // the window has reset since this value was seen: it says nothing about the new window
      const estimate = estimates.find((e) => e.window === id);
      if (estimate) windows.push(estimate);
      else notes.push(`${meta.label}: reset at ${new Date(s.resetsAt).toISOString()}; no official value since`);
      continue;
    }
    const age = now - s.observedAt;
    const view: LimitWindowView = {
      window: id,
      label: meta.label,
      group: meta.group,
      usedPercent: s.usedPercent,
      resetsAt: s.resetsAt === null ? null : new Date(s.resetsAt).toISOString(),
      resetsInMs: s.resetsAt === null ? null : s.resetsAt - now,
      source: s.source,
      observedAt: new Date(s.observedAt).toISOString(),
      ageMs: age,
      stale: age > meta.staleAfterMs,
      binding: false,
      pace: meta.group === 'extra' ? null : paceOf(history, s, now),
    };
    if (meta.group === 'extra') {
      const d = s.detail ?? {};
      view.usedUSD = typeof d['usedUSD'] === 'number' ? d['usedUSD'] : null;
      view.limitUSD = typeof d['limitUSD'] === 'number' ? d['limitUSD'] : null;
      view.currency = typeof d['currency'] === 'string' ? d['currency'] : null;
    }
    windows.push(view);
  }
  for (const e of estimates) if (!windows.some((w) => w.window === e.window)) windows.push(e);
  windows.sort((a, b) => windowMeta(a.window).order - windowMeta(b.window).order || (a.window < b.window ? -1 : 1));

  const active = latest.find((s) => s.detail?.['isActive'] === true && (s.resetsAt === null || s.resetsAt > now));
  const candidates = windows.filter((w) => w.group !== 'extra' && w.usedPercent !== null);
  const binding = active?.window ?? candidates.sort((a, b) => (b.usedPercent ?? 0) - (a.usedPercent ?? 0))[0]?.window ?? null;
  for (const w of windows) w.binding = w.window === binding;
  return { generatedAt: new Date(now).toISOString(), windows, binding, notes };
}
