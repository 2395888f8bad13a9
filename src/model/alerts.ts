// The alert engine (issue 6): from the limits view, recent snapshots, costs, the config and the keys that
// already fired, which alerts to send now. Pure: `now` comes in, nothing is read or sent here. The daemon
// claims each key in the ledger before sending, so an alert goes out once across restarts and watchers.
//
// Rules (facts/limits.md §7):
// - Threshold: once per (window, resets_at to the minute, threshold); a new window instance has a new
//   resets_at, so it re-arms. When several thresholds are crossed at once (first run, after quiet hours or
//   sleep) one message names the highest; the lower ones are marked fired with it (`covers`).
// - Never on stale data (the view's `stale` flag), on estimates, or on a window without a reset time.
// - Pace: once per window instance, when at the recent rate the window runs out within `pace.withinMinutes`
//   and at least `pace.minLockoutMinutes` before it resets.
// - Reset notice (optional): a window we alerted on has reset; not for the session window while a weekly
//   window is at 100% (the user is still locked out: CodexBar#2088).
// - Budgets: API-equivalent cost of the local day / month against dollars, at `budget.thresholds` percent.
// - Quiet hours hold every alert except limit thresholds of 90% and above (a lockout is near: it breaks
//   through). Held alerts are not marked fired: they go out at the first cycle after the quiet hours if still
//   true for the same window instance.
// - avoidClaudeCodeDuplicates: Claude Code itself warns at 50/75/90% in the session (§7). With this set, those
//   thresholds of five_hour and seven_day skip the desktop channel while Claude Code is in use (transcript
//   activity in the last 10 minutes); webhooks still get them.
import type { AlertsConfig } from '../config/schema.ts';
import type { StoredLimitSnapshot } from '../ledger/limits.ts';
import { clockText, durationText, FiredKeys, highestNew, inQuietHours, windowKey } from './alert-keys.ts';
import { budgetAlerts, resetAlerts } from './alert-notices.ts';
import type { LimitWindowView, LimitsView } from './limits.ts';

export type AlertKind = 'threshold' | 'pace' | 'reset' | 'budget' | 'test';
export type AlertChannel = 'desktop' | 'webhook';

export interface Alert {
  key: string;
  kind: AlertKind;
  window: string | null;
  title: string;
  message: string;
  /** Breaks through quiet hours; desktop shows it as urgent. */
  critical: boolean;
  /** Channel kinds this alert may use (intersected with the configured ones). */
  channels: AlertChannel[];
  /** Keys marked fired together with this one and never sent (lower thresholds crossed at the same time). */
  covers: string[];
  detail: Record<string, unknown>;
}

/** What sending one alert on one channel came to (channels live in surfaces/alerts; the daemon logs these). */
export interface ChannelResult {
  /** `desktop`, or `webhook:<format>`. */
  channel: string;
  /** The program used (notify-send, gdbus, osascript, powershell.exe) or the webhook's origin (its path may hold a secret). */
  target: string;
  ok: boolean;
  /** Webhooks: requests made (retries included); desktop: 1 (0 when no program was found). */
  attempts: number;
  error: string | null;
}

export interface CostTotals {
  /** Local date (YYYY-MM-DD) and its API-equivalent cost. */
  day: string;
  dayUSD: number;
  /** Local month (YYYY-MM) and its cost. */
  month: string;
  monthUSD: number;
}

export interface AlertInput {
  now: number;
  /** IANA zone for quiet hours, budget days and the times in messages. */
  tz: string;
  config: AlertsConfig;
  limits: LimitsView;
  /** Recent stored snapshots (a few hours), to notice resets for the reset notice. */
  snapshots: readonly StoredLimitSnapshot[];
  costs: CostTotals | null;
  /** Keys already fired (ledger.firedAlerts). */
  fired: Iterable<string>;
  /** Newest transcript activity (epoch ms), or null. */
  lastActivityAt: number | null;
}

export interface AlertDecision {
  send: Alert[];
  /** Waiting for the end of the quiet hours. */
  held: Alert[];
  /** Windows not judged, and why. */
  skipped: { window: string; reason: string }[];
}

const MIN = 60_000;
export const CRITICAL_PERCENT = 90;
/** Claude Code's own fixed in-session warnings (limits.md §7). */
export const CLAUDE_CODE_THRESHOLDS: readonly number[] = [50, 75, 90];
export const IN_USE_MS = 10 * MIN;

export function decideAlerts(input: AlertInput): AlertDecision {
  const fired = new FiredKeys(input.fired);
  const out: AlertDecision = { send: [], held: [], skipped: [] };
  const candidates: Alert[] = [];
  for (const w of input.limits.windows) {
    const reason = unusable(w);
    if (reason) {
      out.skipped.push({ window: w.window, reason });
      continue;
    }
    const threshold = thresholdAlert(input, w, fired);
    if (threshold) candidates.push(threshold);
    const pace = paceAlert(input, w, fired);
    if (pace) candidates.push(pace);
  }
  if (input.config.resetNotice) candidates.push(...resetAlerts(input, fired, out));
  if (input.costs) candidates.push(...budgetAlerts(input, input.costs, fired));
  const quiet = inQuietHours(input.now, input.tz, input.config.quietHours);
  for (const a of candidates) (quiet && !a.critical ? out.held : out.send).push(a);
  return out;
}

function unusable(w: LimitWindowView): string | null {
  if (w.source === 'estimate') return 'an estimate, not an official value';
  if (w.usedPercent === null) return 'no official percent';
  if (w.stale) return `stale: last seen ${durationText(w.ageMs ?? 0)} ago`;
  if (w.resetsAt === null) return 'no reset time, so no window instance to alert once for';
  return null;
}

function thresholdAlert(input: AlertInput, w: LimitWindowView, fired: FiredKeys): Alert | null {
  const percent = w.usedPercent!, resetsAt = Date.parse(w.resetsAt!);
  const list = input.config.windows[w.window]?.thresholds ?? input.config.thresholds;
  const crossed = [...new Set(list)].sort((a, b) => a - b).filter((t) => percent >= t);
  const pick = highestNew(crossed, (t) => windowKey('limit', w.window, resetsAt, t), (t) => fired.near('limit', w.window, resetsAt, t));
  if (!pick) return null;
  const inUse = input.lastActivityAt !== null && input.now - input.lastActivityAt <= IN_USE_MS;
  const claudeWarns = (w.window === 'five_hour' || w.window === 'seven_day') && CLAUDE_CODE_THRESHOLDS.includes(pick.top);
  const skipDesktop = input.config.avoidClaudeCodeDuplicates && claudeWarns && inUse;
  const shown = Math.round(percent);
  return {
    key: pick.key,
    kind: 'threshold',
    window: w.window,
    title: `${w.label}: ${shown}% used`,
    message: `${w.label} is at ${shown}% (alert at ${pick.top}%). It resets in ${durationText(resetsAt - input.now)}, at ${clockText(resetsAt, input.now, input.tz)}.`,
    critical: pick.top >= CRITICAL_PERCENT,
    channels: skipDesktop ? ['webhook'] : ['desktop', 'webhook'],
    covers: pick.covers,
    detail: { window: w.window, threshold: pick.top, usedPercent: percent, resetsAt: w.resetsAt, source: w.source },
  };
}

function paceAlert(input: AlertInput, w: LimitWindowView, fired: FiredKeys): Alert | null {
  const p = w.pace, cfg = input.config.pace;
  if (!cfg.enabled || !p || !p.runsOutBeforeReset || p.runsOutAt === null || w.usedPercent! >= 100) return null;
  const resetsAt = Date.parse(w.resetsAt!), runsOut = Date.parse(p.runsOutAt);
  if (runsOut - input.now > cfg.withinMinutes * MIN || resetsAt - runsOut < cfg.minLockoutMinutes * MIN) return null;
  const key = windowKey('pace', w.window, resetsAt);
  if (fired.near('pace', w.window, resetsAt)) return null;
  const inText = durationText(runsOut - input.now), early = durationText(resetsAt - runsOut);
  return {
    key,
    kind: 'pace',
    window: w.window,
    title: `${w.label}: runs out in ${inText} at this rate`,
    message: `At this rate ${w.label} runs out in ${inText}, ${early} before it resets (${Math.round(w.usedPercent!)}% used, ${p.percentPerHour.toFixed(0)}%/h; ${p.basis}).`,
    critical: false,
    channels: ['desktop', 'webhook'],
    covers: [],
    detail: { window: w.window, usedPercent: w.usedPercent, runsOutAt: p.runsOutAt, resetsAt: w.resetsAt, percentPerHour: p.percentPerHour },
  };
}

export { testAlert } from './alert-notices.ts';
