// Team-wide queries on the PostgreSQL store: usage per member, per project or model across members, per
// month, and request ids stored under more than one member. Read within a scope, like the ledger.
import type { Usage } from '../ledger.ts';
import { query, type Queryable } from './connect.ts';
import { Where, type Scope } from './rollup-sql.ts';

type Range = { since?: number | undefined; until?: number | undefined };

const USAGE_SUMS = `count(*) AS requests,
  sum(input) AS "inputTokens", sum(output) AS "outputTokens",
  sum(cache_write) AS "cacheCreationTokens", sum(cache_write_1h) AS "cacheCreation1hTokens",
  sum(cache_read) AS "cacheReadTokens", sum(web_search) AS "webSearchRequests", sum(cost) AS "costUSD"`;

export interface MemberUsageRow extends Usage {
  memberId: number;
  firstTs: number;
  lastTs: number;
}

export async function usageByMember(db: Queryable, scope: Scope, range: Range): Promise<MemberUsageRow[]> {
  const w = new Where().scope(scope).range(range);
  return query<MemberUsageRow>(
    db,
    `SELECT member_id AS "memberId", ${USAGE_SUMS}, min(ts) AS "firstTs", max(ts) AS "lastTs" FROM requests ${w} GROUP BY member_id`,
    w.params,
  );
}

export interface BreakdownRow extends Usage {
  key: string;
  /** How many members have requests in this row. */
  members: number;
}

/** Usage per project or per model over the scope's members. */
export async function usageBy(db: Queryable, scope: Scope, column: 'project' | 'model', range: Range): Promise<BreakdownRow[]> {
  const w = new Where().scope(scope).range(range);
  return query<BreakdownRow>(db, `SELECT ${column} AS key, count(DISTINCT member_id) AS members, ${USAGE_SUMS} FROM requests ${w} GROUP BY 1`, w.params);
}

export interface MonthRow {
  month: string;
  members: number;
  costUSD: number;
}

/** API-equivalent cost per calendar month (in `tz`) and how many members were active in it. */
export async function costByMonth(db: Queryable, scope: Scope, range: Range, tz: string): Promise<MonthRow[]> {
  const w = new Where().scope(scope).range(range);
  const month = `to_char(to_timestamp(ts / 1000.0) AT TIME ZONE ${w.param(tz)}, 'YYYY-MM')`;
  return query<MonthRow>(db, `SELECT ${month} AS month, count(DISTINCT member_id) AS members, sum(cost) AS "costUSD" FROM requests ${w} GROUP BY 1 ORDER BY 1`, w.params);
}

/** Message ids stored under more than one member (each is counted once per member). */
export async function sharedRequests(db: Queryable, scope: Scope, range: Range): Promise<number> {
  const w = new Where().scope(scope).range(range);
  const [row] = await query<{ n: number }>(db, `SELECT count(*) AS n FROM (SELECT key FROM requests ${w} GROUP BY key HAVING count(*) > 1) s`, w.params);
  return row?.n ?? 0;
}
