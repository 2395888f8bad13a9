// Alert keys and the small texts alerts carry. A key names one alert for one window instance
// (facts/limits.md §7: dedupe on (window, resets_at, threshold), re-arm after the reset):
//   limit:<window>:<resets_at to the minute>:<threshold>   pace:<window>:<minute>   reset:<window>:<minute>
//   budget:daily:<YYYY-MM-DD>:<percent>                     budget:monthly:<YYYY-MM>:<percent>
import { offsetAt } from '../shared/tz.ts';

const MIN = 60_000;
/** Two resets_at closer than this are the same window instance (sources differ by a second or so: limits.md §2). */
export const SAME_INSTANCE_MS = 5 * MIN;

/** resets_at rounded to the nearest minute, as `2026-07-18T13:40Z` (…:59.57 and :00 of the next minute agree). */
export function resetMinute(resetsAt: number): string {
  return new Date(Math.round(resetsAt / MIN) * MIN).toISOString().slice(0, 16) + 'Z';
}

export function windowKey(kind: 'limit' | 'pace' | 'reset', window: string, resetsAt: number, suffix?: string | number): string {
  return `${kind}:${window}:${resetMinute(resetsAt)}${suffix === undefined ? '' : `:${suffix}`}`;
}

interface ParsedKey {
  kind: string;
  window: string;
  resetsAt: number;
  suffix: string | null;
}

const WINDOW_KEY = /^(limit|pace|reset):([^:]+):(\d{4}-\d\d-\d\dT\d\d:\d\dZ)(?::(.+))?$/;

function parse(key: string): ParsedKey | null {
  const m = WINDOW_KEY.exec(key);
  return m ? { kind: m[1]!, window: m[2]!, resetsAt: Date.parse(m[3]!.replace('Z', ':00Z')), suffix: m[4] ?? null } : null;
}

/** The fired keys, searchable by window instance with the SAME_INSTANCE_MS tolerance. */
export class FiredKeys {
  readonly #exact: ReadonlySet<string>;
  readonly #parsed: ParsedKey[];

  constructor(keys: Iterable<string>) {
    this.#exact = new Set(keys);
    this.#parsed = [...this.#exact].map(parse).filter((p): p is ParsedKey => p !== null);
  }

  has(key: string): boolean {
    return this.#exact.has(key);
  }

  /** A key of this kind and window fired for the instance resetting at `resetsAt` (any suffix when `suffix` is undefined). */
  near(kind: string, window: string, resetsAt: number, suffix?: string | number): boolean {
    return this.#parsed.some(
      (p) => p.kind === kind && p.window === window && Math.abs(p.resetsAt - resetsAt) <= SAME_INSTANCE_MS && (suffix === undefined || p.suffix === String(suffix)),
    );
  }
}

/** The highest crossed threshold not yet fired for this instance, covering lower unfired ones. */
export function highestNew(crossed: number[], keyOf: (t: number) => string, firedFor: (t: number) => boolean): { top: number; key: string; covers: string[] } | null {
  const top = crossed[crossed.length - 1];
  if (top === undefined || firedFor(top)) return null;
  const covers = crossed.slice(0, -1).filter((t) => !firedFor(t)).map(keyOf);
  return { top, key: keyOf(top), covers };
}

/** "25 min", "1h10", "2d03h". */
export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / MIN));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${String(minutes % 60).padStart(2, '0')}`;
  return `${Math.floor(hours / 24)}d${String(hours % 24).padStart(2, '0')}h`;
}

/** Local wall time of an instant: "13:30" today, else "Tue 21 Jul 15:00". */
export function clockText(instant: number, now: number, tz: string): string {
  const ms = Math.round(instant / MIN) * MIN; // resets_at comes as 13:59:59.57: say 14:00
  const local = new Date(ms + offsetAt(tz, ms));
  const hhmm = local.toISOString().slice(11, 16);
  const sameDay = local.toISOString().slice(0, 10) === new Date(now + offsetAt(tz, now)).toISOString().slice(0, 10);
  if (sameDay) return hhmm;
  const day = local.toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).replace(',', '');
  return `${day} ${hhmm}`;
}

/** Minutes since local midnight in `tz`. */
export function localMinuteOfDay(now: number, tz: string): number {
  const local = now + offsetAt(tz, now);
  return Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / MIN);
}

/**
 * Inside the quiet hours `from`–`to` (local HH:MM; `to` excluded). A range crossing midnight (22:00–07:00)
 * wraps; equal ends mean no quiet hours.
 */
export function inQuietHours(now: number, tz: string, hours: { from: string; to: string } | null | undefined): boolean {
  if (!hours) return false;
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const from = toMinutes(hours.from), to = toMinutes(hours.to), m = localMinuteOfDay(now, tz);
  if (from === to) return false;
  return from < to ? m >= from && m < to : m >= from || m < to;
}

export function usd(n: number): string {
  return `$${n.toFixed(2)}`;
}
