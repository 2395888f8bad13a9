// Usage reports: a ledger rollup, turned into rows by the model, with the warnings that apply to them.
import type { GroupBy, Ledger } from '../ledger/ledger.ts';
import { buildRows, totalsOf, type ReportKind, type UsageReport } from '../model/report.ts';
import { pricingWarnings, scanWarnings, versionWarnings, type ScanDiagnostics } from '../model/warnings.ts';
import { phase } from '../shared/timing.ts';
import { addDays, localMidnight } from '../shared/tz.ts';

export interface ReportQuery {
  kind: ReportKind;
  tz: string;
  /** Local dates, YYYY-MM-DD, inclusive. */
  since?: string | undefined;
  until?: string | undefined;
  breakdown: boolean;
  /** 0 = Sunday … 6 = Saturday. */
  weekStart: number;
}

const GROUP: Record<ReportKind, GroupBy> = {
  hourly: 'hour',
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
  sessions: 'session',
  projects: 'project',
  models: 'model',
};

/** UTC bounds of a local date range: since 00:00 to the end of `until`, in `tz`. */
export function utcRange(tz: string, since?: string, until?: string): { since?: number; until?: number } {
  const out: { since?: number; until?: number } = {};
  if (since) out.since = localMidnight(tz, since);
  if (until) out.until = localMidnight(tz, addDays(until, 1));
  return out;
}

export async function usageReport(ledger: Ledger, q: ReportQuery, scan: ScanDiagnostics | null): Promise<UsageReport> {
  const range = utcRange(q.tz, q.since, q.until);
  const cells = await ledger.rollup({ groupBy: GROUP[q.kind], tz: q.tz, weekStart: q.weekStart, ...range });
  phase('rollup');
  const needsPaths = q.kind === 'sessions' || q.kind === 'projects';
  const projectPaths = needsPaths ? new Map((await ledger.projects()).map((p) => [p.project, p.cwd])) : undefined;
  const rows = buildRows(q.kind, cells, { breakdown: q.breakdown, ...(projectPaths ? { projectPaths } : {}) });
  const warnings = [
    ...pricingWarnings(await ledger.pricingIssues(range)),
    ...versionWarnings(await ledger.versions(range)),
    ...(scan ? scanWarnings(scan) : []),
  ];
  phase('warnings');
  return { rows, totals: totalsOf(rows), warnings };
}
