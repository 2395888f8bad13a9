// Text renderings of a usage report: a table (compact below 100 columns), CSV.
import type { ReportKind, ReportRow, UsageReport } from '../../model/report.ts';
import { totalTokens, type Usage } from '../../model/usage.ts';
import { formatCompact, formatInt, formatUSD, shortModel } from './format.ts';
import type { Painter } from './style.ts';
import { renderTable, type Column } from './table.ts';

const KEY_HEADER: Record<ReportKind, string> = {
  daily: 'Date',
  weekly: 'Week of',
  monthly: 'Month',
  hourly: 'Hour',
  sessions: 'Session',
  projects: 'Project',
  models: 'Model',
};

/** Below this many columns, tables drop the cache and total columns. */
export const COMPACT_BELOW = 100;

type Line = ReportRow & { label: string[]; sub?: boolean };

function label(kind: ReportKind, r: ReportRow): string[] {
  switch (kind) {
    case 'sessions':
      return [`${r.key.slice(0, 8)}  ${baseName(projectName(r))}`];
    case 'projects':
      return [projectName(r)];
    case 'models':
      return [shortModel(r.key)];
    default:
      return [r.key];
  }
}

function projectName(r: ReportRow): string {
  return r.projectPath ?? r.project ?? '';
}

function baseName(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}

export interface RenderOptions {
  width: number;
  painter: Painter;
  compact?: boolean;
}

export function renderUsageTable(kind: ReportKind, report: UsageReport, options: RenderOptions): string {
  const compact = options.compact ?? options.width < COMPACT_BELOW;
  const n = compact ? formatCompact : formatInt;
  const lines: Line[] = [];
  for (const r of report.rows) {
    lines.push({ ...r, label: label(kind, r) });
    for (const b of r.breakdown ?? []) {
      lines.push({ ...r, ...b, label: [`  └ ${shortModel(b.model)}`], models: [b.model], sub: true });
    }
  }
  const totals: Line = { ...emptyRow(), ...report.totals, key: 'Total', label: ['Total'] };
  const columns: Column<Line>[] = [{ header: KEY_HEADER[kind], cell: (r) => r.label, flexible: true, cutStart: kind === 'projects' }];
  if (kind !== 'models') columns.push({ header: 'Models', cell: (r) => (r.sub || r === totals ? [] : r.models.map(shortModel)), flexible: true, drop: 1 });
  columns.push({ header: 'Input', align: 'right', cell: (r) => n(r.inputTokens) }, { header: 'Output', align: 'right', cell: (r) => n(r.outputTokens) });
  if (!compact) {
    columns.push(
      { header: 'Cache write', align: 'right', cell: (r) => n(r.cacheCreationTokens), drop: 3 },
      { header: 'Cache read', align: 'right', cell: (r) => n(r.cacheReadTokens), drop: 2 },
      { header: 'Total tokens', align: 'right', cell: (r) => n(totalTokens(r)), drop: 4 },
    );
  }
  if (kind === 'sessions') columns.push({ header: 'Last activity', cell: (r) => (r === totals || r.sub ? '' : r.lastActivity.slice(0, 16).replace('T', ' ')) });
  columns.push({ header: 'Requests', align: 'right', cell: (r) => n(r.requests), drop: 5 }, { header: 'Cost', align: 'right', cell: (r) => formatUSD(r.costUSD) });
  if (compact) columns.splice(columns.findIndex((c) => c.header === 'Requests'), 1);
  return renderTable(columns, [...lines, totals], { width: options.width, painter: options.painter, footer: 1 });
}

function emptyRow(): ReportRow {
  return { key: '', models: [], firstActivity: '', lastActivity: '', agentRequests: 0, agentCostUSD: 0, requests: 0, inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheCreation1hTokens: 0, cacheReadTokens: 0, webSearchRequests: 0, costUSD: 0 };
}

const CSV_USAGE: (keyof Usage)[] = ['requests', 'inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheCreation1hTokens', 'cacheReadTokens', 'webSearchRequests', 'costUSD'];

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line per row (and per model with a breakdown); full-precision cost; the totals as a last line. */
export function renderUsageCsv(kind: ReportKind, report: UsageReport): string {
  const extra = kind === 'sessions' || kind === 'projects' ? ['project', 'projectPath'] : [];
  const header = ['key', 'model', ...extra, ...CSV_USAGE, 'firstActivity', 'lastActivity'];
  const lines = [header.join(',')];
  const emit = (key: string, model: string, r: ReportRow, u: Usage) =>
    lines.push([key, model, ...extra.map((k) => r[k as 'project']), ...CSV_USAGE.map((k) => u[k]), r.firstActivity, r.lastActivity].map(csvCell).join(','));
  for (const r of report.rows) {
    if (r.breakdown) for (const b of r.breakdown) emit(r.key, b.model, r, b);
    else emit(r.key, r.models.join(';'), r, r);
  }
  lines.push(['total', '', ...extra.map(() => ''), ...CSV_USAGE.map((k) => report.totals[k]), '', ''].map(csvCell).join(','));
  return lines.join('\n');
}
