// Cost by project and by session over the picked range, as sortable tables.
import type { ReportRow } from '../../../../model/report.ts';
import type { UsageReport } from '../api.ts';
import { h, replace } from '../dom.ts';
import { formatCompact, formatDuration, formatInt, formatTime, formatUSD, shortModel } from '../format.ts';
import { sortableTable, type Column, type SortState } from '../table.ts';

const SHOWN_ROWS = 15;
const tokens = (r: ReportRow) => r.inputTokens + r.outputTokens + r.cacheCreationTokens + r.cacheReadTokens;
const name = (r: ReportRow) => r.projectPath ?? r.project ?? r.key;

const money: Column<ReportRow> = { label: 'Cost', sort: (r) => r.costUSD, cell: (r) => formatUSD(r.costUSD), numeric: true };
const requests: Column<ReportRow> = { label: 'Requests', sort: (r) => r.requests, cell: (r) => formatInt(r.requests), numeric: true };
const tokenColumn: Column<ReportRow> = { label: 'Tokens', sort: tokens, cell: (r) => formatCompact(tokens(r)), numeric: true };
const last: Column<ReportRow> = { label: 'Last active', sort: (r) => r.lastActivity, cell: (r) => formatTime(r.lastActivity) };

// sort choices survive re-renders (live updates, range changes)
const projectSort: SortState = { column: 1, descending: true };
const sessionSort: SortState = { column: 2, descending: true };

export function renderProjects(el: HTMLElement, report: UsageReport, rangeText: string): void {
  const columns: Column<ReportRow>[] = [{ label: 'Project', sort: name }, money, requests, tokenColumn, { label: 'Sub-agent cost', sort: (r) => r.agentCostUSD, cell: (r) => formatUSD(r.agentCostUSD), numeric: true }, last];
  replace(el, report.rows.length ? sortableTable(`Cost by project, ${rangeText}`, columns, report.rows, projectSort, SHOWN_ROWS) : h('p', { class: 'muted' }, 'No usage in this range.'));
}

export function renderSessions(el: HTMLElement, report: UsageReport, rangeText: string): void {
  const duration = (r: ReportRow) => Date.parse(r.lastActivity) - Date.parse(r.firstActivity);
  const columns: Column<ReportRow>[] = [
    { label: 'Session', sort: (r) => r.key, cell: (r) => h('code', { title: r.key }, r.key.slice(0, 8)) },
    { label: 'Project', sort: name, cell: (r) => h('span', { class: 'path', title: name(r) }, name(r).split('/').slice(-2).join('/')) },
    money,
    requests,
    { label: 'Models', sort: (r) => r.models.join(' '), cell: (r) => r.models.map(shortModel).join(', ') },
    { label: 'Started', sort: (r) => r.firstActivity, cell: (r) => formatTime(r.firstActivity) },
    { label: 'Length', sort: duration, cell: (r) => formatDuration(duration(r)), numeric: true },
  ];
  replace(el, report.rows.length ? sortableTable(`Cost by session, ${rangeText}`, columns, report.rows, sessionSort, SHOWN_ROWS) : h('p', { class: 'muted' }, 'No usage in this range.'));
}
