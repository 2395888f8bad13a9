// Team views on the team server: usage and API-equivalent cost per member, per project and per model,
// each member's plan recommendation (the plan advisor, run on that member's rows), and the team's cost on
// the API against seats. A member's token sees only that member; an admin's sees the team.
import type { Usage } from '../ledger/ledger.ts';
import { listMembers, type Member, type MemberInfo } from '../ledger/postgres/members.ts';
import { PostgresLedger } from '../ledger/postgres/postgres-ledger.ts';
import type { Scope } from '../ledger/postgres/rollup-sql.ts';
import type { PostgresStore } from '../ledger/postgres/store.ts';
import { costByMonth, sharedRequests, usageBy, usageByMember, type BreakdownRow } from '../ledger/postgres/team-sql.ts';
import { totalsOf } from '../model/report.ts';
import { pickUsage, zeroUsage } from '../model/usage.ts';
import type { PlanId } from '../model/plan-capacity.ts';
import type { PlanCard } from '../pricing/price-table.ts';
import { planReport } from './plan.ts';

export interface TeamMemberUsage extends Usage {
  member: string;
  admin: boolean;
  /** ISO times of the member's first and last request in the range; null without requests. */
  firstActivity: string | null;
  lastActivity: string | null;
  machines: { name: string; lastSync: string }[];
  /** The plan the member's machine reported on its last sync (pro, max_5x, max_20x), if any. */
  currentPlan: PlanId | null;
  /** The plan advisor's choice for this member, from the member's own history (null when not asked or no history). */
  recommendation: TeamPlanAdvice | null;
}

export interface TeamPlanAdvice {
  /** `api`, `pro`, `max_5x` or `max_20x`. */
  option: string;
  name: string;
  /** Middle estimate for a month like the last 30 days. */
  monthlyUSD: number;
  /** The member's API-equivalent cost over the last 30 days. */
  apiLast30USD: number;
}

/** One project or model across the team. */
export interface TeamBreakdownRow extends Usage {
  key: string;
  /** Members with requests in this row. */
  members: number;
  /** Projects: the working directory (readable, unlike the encoded folder name in `key`). */
  path?: string | null;
}

export interface SeatComparison {
  /** API-equivalent cost per calendar month of the range, with the members active in it. */
  months: { month: string; activeMembers: number; apiUSD: number }[];
  /** Every member shown on one plan: a month of seats. */
  seats: { plan: PlanId; name: string; seatUSD: number; teamUSD: number }[];
  /** Sum over members of their API-equivalent cost in the last 30 days (null when plans were not asked for). */
  apiLast30USD: number | null;
  /** Sum over members of the monthly cost of the option the advisor recommends (null when plans were not asked for). */
  recommendedUSDPerMonth: number | null;
}

/** The JSON shape of `ccmeter team --json` and of `GET /api/team`. */
export interface TeamReport {
  generatedAt: string;
  tz: string;
  /** UTC bounds of the range, ISO; null = open. */
  since: string | null;
  until: string | null;
  viewer: { member: string; admin: boolean };
  members: TeamMemberUsage[];
  totals: Usage;
  projects: TeamBreakdownRow[];
  models: TeamBreakdownRow[];
  seats: SeatComparison;
  warnings: string[];
}

export interface TeamQuery {
  tz: string;
  now: number;
  /** UTC epoch ms, inclusive / exclusive. */
  since?: number | undefined;
  until?: number | undefined;
  /** Run the plan advisor for each member (default true). */
  plans?: boolean;
}

/** The members a viewer may see: everyone for an admin, else the viewer alone. */
export function scopeOf(viewer: Member): Scope {
  return viewer.admin ? 'all' : [viewer.id];
}

/** `{ members, totals }`: usage per member, most expensive first. */
export async function teamMembers(store: PostgresStore, viewer: Member, q: TeamQuery): Promise<Pick<TeamReport, 'members' | 'totals'>> {
  const scope = scopeOf(viewer);
  const [infos, usage] = await Promise.all([listMembers(store.db, viewer.admin ? 'all' : [viewer.id]), usageByMember(store.db, scope, q)]);
  const byId = new Map(usage.map((u) => [u.memberId, u]));
  const members = infos
    .filter((m) => byId.has(m.id) || m.revokedAt === null)
    .map((m) => memberRow(m, byId.get(m.id)))
    .sort((a, b) => b.costUSD - a.costUSD || (a.member < b.member ? -1 : 1));
  return { members, totals: totalsOf(members) };
}

function memberRow(m: MemberInfo, u: (Usage & { firstTs: number; lastTs: number }) | undefined): TeamMemberUsage {
  return {
    member: m.name,
    ...(u ? pickUsage(u) : zeroUsage()),
    admin: m.admin,
    firstActivity: u ? new Date(u.firstTs).toISOString() : null,
    lastActivity: u ? new Date(u.lastTs).toISOString() : null,
    machines: m.machines.map((x) => ({ name: x.name, lastSync: new Date(x.lastSync).toISOString() })),
    currentPlan: isPlanId(m.plan) ? m.plan : null,
    recommendation: null,
  };
}

const isPlanId = (p: string | null): p is PlanId => p === 'pro' || p === 'max_5x' || p === 'max_20x';

/** Usage per project or per model, most expensive first. */
export async function teamBreakdown(store: PostgresStore, viewer: Member, by: 'project' | 'model', q: TeamQuery): Promise<TeamBreakdownRow[]> {
  const scope = scopeOf(viewer);
  const rows = (await usageBy(store.db, scope, by, q)).map(breakdownRow);
  if (by === 'project') {
    const paths = new Map((await new PostgresLedger(store.db, store.pricer, viewer.id, scope).projects()).map((p) => [p.project, p.cwd]));
    for (const r of rows) r.path = paths.get(r.key) ?? null;
  }
  return rows.sort((a, b) => b.costUSD - a.costUSD || (a.key < b.key ? -1 : 1));
}

const breakdownRow = (r: BreakdownRow): TeamBreakdownRow => ({ key: r.key, members: r.members, ...pickUsage(r) });

export async function teamReport(store: PostgresStore, viewer: Member, q: TeamQuery): Promise<TeamReport> {
  const scope = scopeOf(viewer);
  const [{ members, totals }, projects, models, months, shared] = await Promise.all([
    teamMembers(store, viewer, q),
    teamBreakdown(store, viewer, 'project', q),
    teamBreakdown(store, viewer, 'model', q),
    costByMonth(store.db, scope, q, q.tz),
    viewer.admin ? sharedRequests(store.db, scope, q) : Promise.resolve(0),
  ]);
  const cards = store.pricer.table.plans;
  if (q.plans !== false) await adviseMembers(store, viewer, members, cards, q);
  const warnings: string[] = [];
  if (shared > 0) {
    const ids = shared === 1 ? '1 request id is' : `${shared} request ids are`;
    warnings.push(`${ids} stored under more than one member (the same Claude Code logs synced with two tokens?): each member counts them.`);
  }
  const advised = members.filter((m) => m.recommendation);
  return {
    generatedAt: new Date(q.now).toISOString(),
    tz: q.tz,
    since: q.since === undefined ? null : new Date(q.since).toISOString(),
    until: q.until === undefined ? null : new Date(q.until).toISOString(),
    viewer: { member: viewer.name, admin: viewer.admin },
    members,
    totals,
    projects,
    models,
    seats: {
      months: months.map((m) => ({ month: m.month, activeMembers: m.members, apiUSD: m.costUSD })),
      seats: cards.map((c) => ({ plan: c.id, name: c.name, seatUSD: c.priceUSDMonth, teamUSD: c.priceUSDMonth * members.length })),
      apiLast30USD: q.plans === false ? null : advised.reduce((s, m) => s + m.recommendation!.apiLast30USD, 0),
      recommendedUSDPerMonth: q.plans === false ? null : advised.reduce((s, m) => s + m.recommendation!.monthlyUSD, 0),
    },
    warnings,
  };
}

/**
 * The plan-advisor hook: each member's recommendation from their own rows. The member's current plan is
 * what their machine reported; the server never reads its own host's Claude Code login for anyone.
 */
async function adviseMembers(store: PostgresStore, viewer: Member, members: TeamMemberUsage[], cards: readonly PlanCard[], q: TeamQuery): Promise<void> {
  const infos = await listMembers(store.db, viewer.admin ? 'all' : [viewer.id]);
  const ids = new Map(infos.map((m) => [m.name, m.id]));
  for (const m of members) {
    const id = ids.get(m.member);
    if (id === undefined || m.requests === 0) continue;
    const ledger = new PostgresLedger(store.db, store.pricer, id, [id]);
    const report = await planReport(ledger, cards, { tz: q.tz, now: q.now, months: 1, current: m.currentPlan ?? undefined, env: NO_LOCAL_LOGIN });
    const last30 = report.periods.find((p) => p.key === 'last-30-days');
    m.recommendation = { option: report.recommendation.option, name: report.recommendation.name, monthlyUSD: report.recommendation.monthlyUSD, apiLast30USD: last30?.apiCostUSD ?? 0 };
  }
}

/** Paths where no Claude Code login exists, so plan detection finds nothing on the server's host. */
const NO_LOCAL_LOGIN = { CLAUDE_CONFIG_DIR: '/nonexistent/ccmeter-team-member', HOME: '/nonexistent/ccmeter-team-member' };
