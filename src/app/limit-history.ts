// The history of each limit window, from the stored official snapshots: what the dashboard's limit
// charts draw (`GET /api/limit-history?days=N`). Each stored row is a value seen from its first sighting
// to its last, so it gives two points; windows come in the order the limits view uses.
import type { LimitSource } from '../ledger/limits.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { windowMeta } from '../model/limits.ts';
import { UsageError } from '../shared/errors.ts';

const DAY = 86_400_000;

export interface LimitHistoryPoint {
  at: string;
  usedPercent: number | null;
  source: LimitSource;
  resetsAt: string | null;
}

/** The JSON shape of `GET /api/limit-history`. */
export interface LimitHistoryView {
  generatedAt: string;
  /** Start of the range (ISO): `days` before now. */
  since: string;
  windows: { window: string; label: string; points: LimitHistoryPoint[] }[];
}

/** `days`: 1 to 90 (default 7). */
export function historyDays(value: string | undefined): number {
  const days = value === undefined ? 7 : Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 90) throw new UsageError(`days ${value}: give a whole number from 1 to 90`);
  return days;
}

export async function limitHistory(ledger: Ledger, now: number, days: number): Promise<LimitHistoryView> {
  const since = now - days * DAY;
  const rows = await ledger.limitHistory({ since });
  const byWindow = new Map<string, { label: string; points: LimitHistoryPoint[] }>();
  for (const r of rows) {
    if (r.firstSeen > now) continue;
    const entry = byWindow.get(r.window) ?? { label: windowMeta(r.window, r.detail?.['label']).label, points: [] };
    byWindow.set(r.window, entry);
    const point = (t: number): LimitHistoryPoint => ({ at: new Date(t).toISOString(), usedPercent: r.usedPercent, source: r.source, resetsAt: r.resetsAt === null ? null : new Date(r.resetsAt).toISOString() });
    entry.points.push(point(Math.max(r.firstSeen, since)));
    if (Math.min(r.observedAt, now) > Math.max(r.firstSeen, since)) entry.points.push(point(Math.min(r.observedAt, now)));
  }
  const windows = [...byWindow].map(([window, e]) => ({ window, label: e.label, points: e.points.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) }));
  windows.sort((a, b) => windowMeta(a.window).order - windowMeta(b.window).order || (a.window < b.window ? -1 : 1));
  return { generatedAt: new Date(now).toISOString(), since: new Date(since).toISOString(), windows };
}
