// Time-zone arithmetic without a library: UTC offsets of an IANA zone from Intl, the intervals of constant
// offset over a time range (so a store can turn UTC timestamps into local calendar keys in SQL), and local
// dates back to UTC instants.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** A zone name known to be the one Date's local-time methods use (see useDateForZone). */
let dateZone: string | undefined;

/**
 * Declares that `name` is this process's local zone, the one `Date` computes local time in: offsets in it
 * then come from Date.getTimezoneOffset (microseconds) rather than an Intl formatter, whose first use loads
 * ICU's data (20–30 ms).
 */
export function useDateForZone(name: string): void {
  dateZone = name;
}

/** The system's zone (honours `TZ`). */
export function localTimeZone(): string {
  return dateZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
}

/** True when `tz` is a zone Intl knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `tz` from UTC at instant `ms`, in milliseconds (local = UTC + offset). */
export function offsetAt(tz: string, ms: number): number {
  if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
  if (tz === dateZone) {
    const minutes = new Date(ms).getTimezoneOffset();
    return minutes === 0 ? 0 : -minutes * 60_000;
  }
  const parts = formatter(tz).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

export interface OffsetInterval {
  /** UTC ms, inclusive. */
  from: number;
  /** UTC ms, exclusive. */
  to: number;
  offsetMs: number;
}

const HOUR = 3_600_000;

/** Intervals of constant offset covering [from, to]; transitions located to the second. */
export function offsetIntervals(tz: string, from: number, to: number): OffsetInterval[] {
  const out: OffsetInterval[] = [];
  if (tz === 'UTC' || tz === 'Etc/UTC') return [{ from, to: to + 1, offsetMs: 0 }];
  let start = from;
  let current = offsetAt(tz, from);
  // zones change offset at most a few times a year, never twice within 12 hours
  for (let t = from; t < to; ) {
    const next = Math.min(t + 12 * HOUR, to);
    const o = offsetAt(tz, next);
    if (o !== current) {
      let lo = t, hi = next; // offset(lo) = current, offset(hi) = o
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(tz, mid) === current) lo = mid;
        else hi = mid;
      }
      // offsets change on whole seconds, and (lo, hi] holds exactly one: the transition itself. (`hi` is
      // up to a second late; a quarter-hour starting at the transition would take the old offset.)
      const at = Math.floor(hi / 1000) * 1000;
      out.push({ from: start, to: at, offsetMs: current });
      start = at;
      current = o;
    }
    t = next;
  }
  out.push({ from: start, to: Math.max(to, start) + 1, offsetMs: current });
  return out;
}

/** UTC instant of local midnight starting `date` (YYYY-MM-DD) in `tz`. */
export function localMidnight(tz: string, date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let guess = wall - offsetAt(tz, wall);
  guess = wall - offsetAt(tz, guess); // a second pass settles DST edges
  return guess;
}

/** Local calendar date (YYYY-MM-DD) of instant `ms` in `tz`. */
export function localDate(tz: string, ms: number): string {
  return new Date(ms + offsetAt(tz, ms)).toISOString().slice(0, 10);
}

/** Adds `days` to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}
