// Usage reports (daily … models) built from ledger rollup rows. Pure: no clock, no I/O.
import type { RollupRow } from '../ledger/ledger.ts';
import { addUsage, zeroUsage, type Usage } from './usage.ts';
import { isoFromMs } from '../shared/iso-time.ts';

export type ReportKind = 'daily' | 'weekly' | 'monthly' | 'hourly' | 'sessions' | 'projects' | 'models';

/** Usage of one model inside a row (`--breakdown`). */
export interface ModelUsage extends Usage {
  model: string;
}

export interface ReportRow extends Usage {
  /** The period (`2026-01-15`, `2026-W` start date, `2026-01`, `2026-01-15 14:00`), session id, project or model. */
  key: string;
  /** Models used in this row, most expensive first. */
  models: string[];
  /** Per model, when asked for (`--breakdown`). */
  breakdown?: ModelUsage[];
  /** ISO timestamps of the first and last request in the row. */
  firstActivity: string;
  lastActivity: string;
  /** Requests and cost of sub-agent calls included in this row. */
  agentRequests: number;
  agentCostUSD: number;
  /** sessions: the session's project; projects: the project. */
  project?: string;
  /** The project's working directory, from the logs' `cwd` (readable, unlike the encoded folder name). */
  projectPath?: string | null;
}

/** The JSON shape of `daily`, `weekly`, `monthly`, `hourly`, `sessions`, `projects` and `models` (DESIGN.md). */
export interface UsageReport {
  rows: ReportRow[];
  totals: Usage;
  warnings: string[];
}

export interface BuildOptions {
  breakdown: boolean;
  /** Encoded project folder → working directory. */
  projectPaths?: ReadonlyMap<string, string | null>;
}

const byCostDesc = (a: RollupRow, b: RollupRow) => b.costUSD - a.costUSD || (a.model < b.model ? -1 : 1);

/**
 * Groups (key, model) cells into rows, in the order the report wants. The cells come sorted by key, then
 * model (the Ledger contract), so a row's cells are consecutive.
 */
export function buildRows(kind: ReportKind, cells: readonly RollupRow[], options: BuildOptions): ReportRow[] {
  const groups: { row: ReportRow; cells: RollupRow[]; first: number; last: number }[] = [];
  for (let i = 0; i < cells.length; ) {
    const c = cells[i]!;
    let end = i + 1;
    while (end < cells.length && cells[end]!.key === c.key) end++;
    if (end < cells.length && cells[end]!.key < c.key) throw new Error(`rollup cells out of key order at ${cells[end]!.key}`);
    // one literal of one fixed shape, with the first cell's values: a spread after a leading key makes V8
    // copy properties one by one into a slower object, and most rows (a session, a day) have one cell
    const row: ReportRow = {
      key: c.key,
      requests: c.requests,
      inputTokens: c.inputTokens,
      outputTokens: c.outputTokens,
      cacheCreationTokens: c.cacheCreationTokens,
      cacheCreation1hTokens: c.cacheCreation1hTokens,
      cacheReadTokens: c.cacheReadTokens,
      webSearchRequests: c.webSearchRequests,
      costUSD: c.costUSD,
      models: [],
      firstActivity: '',
      lastActivity: '',
      agentRequests: c.agentRequests,
      agentCostUSD: c.agentCostUSD,
    };
    let first = c.firstTs;
    let last = c.lastTs;
    let project = c.project;
    for (let k = i + 1; k < end; k++) {
      const more = cells[k]!;
      addUsage(row, more);
      row.agentRequests += more.agentRequests;
      row.agentCostUSD += more.agentCostUSD;
      first = Math.min(first, more.firstTs);
      last = Math.max(last, more.lastTs);
      if (more.project !== undefined) project = more.project;
    }
    if (project !== undefined) row.project = project;
    groups.push({ row, cells: end - i === 1 ? [c] : cells.slice(i, end), first, last });
    i = end;
  }
  // sessions end chronologically by last activity (the latest next to the prompt), compared as numbers: the
  // same order as their ISO text, without comparing strings
  if (kind === 'sessions') groups.sort((a, b) => a.last - b.last || (a.row.key < b.row.key ? -1 : 1));
  const out: ReportRow[] = [];
  for (const { row, cells: own, first, last } of groups) {
    if (own.length > 1) own.sort(byCostDesc);
    row.models = own.map((c) => c.model);
    if (options.breakdown) row.breakdown = own.map(modelUsage);
    row.firstActivity = isoFromMs(first);
    row.lastActivity = isoFromMs(last);
    if (kind === 'projects') row.project = row.key;
    if (row.project !== undefined && options.projectPaths) row.projectPath = options.projectPaths.get(row.project) ?? null;
    out.push(row);
  }
  return sortRows(kind, out);
}

function modelUsage(c: RollupRow): ModelUsage {
  return {
    model: c.model,
    requests: c.requests,
    inputTokens: c.inputTokens,
    outputTokens: c.outputTokens,
    cacheCreationTokens: c.cacheCreationTokens,
    cacheCreation1hTokens: c.cacheCreation1hTokens,
    cacheReadTokens: c.cacheReadTokens,
    webSearchRequests: c.webSearchRequests,
    costUSD: c.costUSD,
  };
}

function sortRows(kind: ReportKind, rows: ReportRow[]): ReportRow[] {
  switch (kind) {
    case 'sessions':
      return rows; // sorted by buildRows
    case 'projects':
    case 'models':
      return rows.sort((a, b) => b.costUSD - a.costUSD || (a.key < b.key ? -1 : 1));
    default:
      return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

/** Totals as the sum of the rows, in row order: a reader summing `rows` gets exactly `totals`. */
export function totalsOf(rows: readonly Usage[]): Usage {
  const t = zeroUsage();
  for (const r of rows) addUsage(t, r);
  return t;
}
