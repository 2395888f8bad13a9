// Formats for the page: the CLI's own (money, counts, durations, model names) plus local-date helpers.
export { formatCompact, formatDuration, formatInt, formatUSD, shortModel } from '../../render/format.ts';

/** `2026-01-15` + n days (dates are the report's local dates: plain calendar arithmetic in UTC). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
}

/** Seconds since the epoch of a local date taken as UTC midnight (the charts draw their axes in UTC). */
export function dateSeconds(date: string): number {
  return Date.parse(date + 'T00:00:00Z') / 1000;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: string): number {
  return (new Date(date + 'T00:00:00Z').getUTCDay() + 6) % 7;
}

export function formatPercent(p: number): string {
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

/** ISO timestamp → `2026-01-15 14:05` in the browser's zone. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
