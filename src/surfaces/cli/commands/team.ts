// `ccmeter team --server URL --token TOKEN`: the team server's view of the team (GET /api/team): usage and
// API-equivalent cost per member, project and model, plan advice per member, and API against seats.
import type { TeamBreakdownRow, TeamMemberUsage, TeamReport } from '../../../app/team.ts';
import { CcmeterError, UsageError } from '../../../shared/errors.ts';
import { systemTimeZone } from '../../../app/context.ts';
import { isValidTimeZone } from '../../../shared/tz.ts';
import { formatCompact, formatInt, formatUSD, shortModel } from '../../render/format.ts';
import type { Painter } from '../../render/style.ts';
import { renderTable, type Column } from '../../render/table.ts';
import { stdoutPainter, terminalWidth, type CliIO } from '../io.ts';
import { checkRange, parseDateFlag } from '../options.ts';
import { printWarnings, printJson } from '../shared.ts';
import { syncTarget } from './sync.ts';

export interface TeamOptions {
  server?: string;
  token?: string;
  since?: string;
  until?: string;
  tz?: string;
  plans?: boolean;
  json?: boolean;
  color?: boolean;
}

export async function teamCommand(o: TeamOptions, io: CliIO): Promise<number> {
  const { url, token } = syncTarget({ to: o.server, token: o.token }, io);
  const since = parseDateFlag('--since', o.since);
  const until = parseDateFlag('--until', o.until);
  checkRange(since, until);
  const tz = o.tz ?? systemTimeZone();
  if (!isValidTimeZone(tz)) throw new UsageError(`Unknown time zone "${tz}"`, 'Use an IANA name such as Europe/Paris or America/New_York.');
  const params = new URLSearchParams({ tz, ...(since ? { since } : {}), ...(until ? { until } : {}), ...(o.plans === false ? { plans: '0' } : {}) });
  const report = await fetchTeamReport(url, token, params);
  if (o.json) printJson(io, report);
  else io.stdout.write(renderTeam(report, stdoutPainter(io, o.color), terminalWidth(io)) + '\n');
  printWarnings(io, report.warnings, o.color);
  return 0;
}

async function fetchTeamReport(server: string, token: string, params: URLSearchParams): Promise<TeamReport> {
  const url = `${server.replace(/\/+$/, '')}/api/team?${params}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  } catch (e) {
    throw new CcmeterError(`Could not reach the team server at ${server}: ${(e as Error).message}`, 'Check --server / CCMETER_SYNC_URL.');
  }
  const body = (await res.json().catch(() => ({}))) as TeamReport & { error?: string };
  if (!res.ok) {
    const hint = res.status === 401 ? 'Ask a team admin for a token (`ccmeter server add-member NAME`).' : undefined;
    throw new CcmeterError(`The team server answered ${res.status}: ${body.error ?? res.statusText}`, hint);
  }
  return body;
}

function renderTeam(r: TeamReport, p: Painter, width: number): string {
  const n = width < 100 ? formatCompact : formatInt;
  const title = (s: string) => p.paint('bold', s);
  type MemberLine = TeamMemberUsage | (TeamReport['totals'] & { member: 'Total' });
  const total: MemberLine = { ...r.totals, member: 'Total' };
  const members: Column<MemberLine>[] = [
    { header: 'Member', cell: (m) => m.member + ('admin' in m && m.admin ? ' (admin)' : ''), flexible: true },
    { header: 'Requests', align: 'right', cell: (m) => n(m.requests), drop: 3 },
    { header: 'Input', align: 'right', cell: (m) => n(m.inputTokens), drop: 2 },
    { header: 'Output', align: 'right', cell: (m) => n(m.outputTokens) },
    { header: 'Cache read', align: 'right', cell: (m) => n(m.cacheReadTokens), drop: 1 },
    { header: 'Cost', align: 'right', cell: (m) => formatUSD(m.costUSD) },
    { header: 'Plan advice', cell: (m) => ('recommendation' in m && m.recommendation ? `${m.recommendation.name} ~${formatUSD(m.recommendation.monthlyUSD)}/mo` : ''), flexible: true },
  ];
  const breakdown = (header: string, label: (b: TeamBreakdownRow) => string): Column<TeamBreakdownRow>[] => [
    { header, cell: label, flexible: true, cutStart: header === 'Project' },
    { header: 'Members', align: 'right', cell: (b) => String(b.members) },
    { header: 'Requests', align: 'right', cell: (b) => n(b.requests), drop: 1 },
    { header: 'Cost', align: 'right', cell: (b) => formatUSD(b.costUSD) },
  ];
  const range = r.since || r.until ? ` ${r.since?.slice(0, 10) ?? '…'} to ${r.until?.slice(0, 10) ?? '…'}` : '';
  const out = [
    title(`Team usage${range} (${r.tz}), API-equivalent cost — as ${r.viewer.member}${r.viewer.admin ? ' (admin)' : ''}`),
    renderTable(members, [...r.members, total], { width, painter: p, footer: 1 }),
    '',
    title('By project'),
    renderTable(breakdown('Project', (b) => b.path ?? b.key), r.projects, { width, painter: p }),
    '',
    title('By model'),
    renderTable(breakdown('Model', (b) => shortModel(b.key)), r.models, { width, painter: p }),
    '',
    title('API or seats, per month'),
    ...seatLines(r),
  ];
  return out.join('\n');
}

function seatLines(r: TeamReport): string[] {
  const s = r.seats;
  const lines = s.months.map((m) => `  ${m.month}: ${formatUSD(m.apiUSD)} on the API, ${m.activeMembers} active ${m.activeMembers === 1 ? 'member' : 'members'}`);
  lines.push(`  Seats for all ${r.members.length} ${r.members.length === 1 ? 'member' : 'members'}: ${s.seats.map((x) => `${x.name.replace(/ \(.*\)$/, '')} ${formatUSD(x.teamUSD)}`).join(', ')} a month.`);
  if (s.apiLast30USD !== null && s.recommendedUSDPerMonth !== null) {
    lines.push(`  Last 30 days: ${formatUSD(s.apiLast30USD)} on the API; each member on the advised option: ${formatUSD(s.recommendedUSDPerMonth)} a month.`);
  }
  return lines;
}
