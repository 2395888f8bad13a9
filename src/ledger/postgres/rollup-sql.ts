// SQL for rollups on PostgreSQL. Calendar keys come from PostgreSQL's own time-zone support
// (`AT TIME ZONE`, the IANA database it ships), so DST changes and half-hour zones group exactly.
import type { RollupQuery } from '../ledger.ts';

/** Which members' rows a query reads: one member, several, or all of them (a team admin). */
export type Scope = readonly number[] | 'all';

/** WHERE terms with numbered parameters. */
export class Where {
  readonly terms: string[] = [];
  readonly params: unknown[] = [];

  /** The placeholder of a new parameter. */
  param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  scope(scope: Scope, column = 'member_id'): this {
    if (scope === 'all') return this;
    if (scope.length === 1) this.terms.push(`${column} = ${this.param(scope[0])}`);
    else this.terms.push(`${column} = ANY(${this.param(`{${scope.join(',')}}`)}::int[])`);
    return this;
  }

  range(r: { since?: number | undefined; until?: number | undefined }, column = 'ts'): this {
    if (r.since !== undefined) this.terms.push(`${column} >= ${this.param(r.since)}`);
    if (r.until !== undefined) this.terms.push(`${column} < ${this.param(r.until)}`);
    return this;
  }

  and(term: string): this {
    this.terms.push(term);
    return this;
  }

  toString(): string {
    return this.terms.length ? `WHERE ${this.terms.join(' AND ')}` : '';
  }
}

const utc = 'to_timestamp(ts / 1000.0)';

function keyExpr(q: RollupQuery, w: Where): string {
  const local = () => `(${utc} AT TIME ZONE ${w.param(q.tz)})`;
  switch (q.groupBy) {
    case 'minute':
      return `to_char(${utc} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"')`;
    case 'hour':
      return `to_char(${local()}, 'YYYY-MM-DD HH24:00')`;
    case 'day':
      return `to_char(${local()}, 'YYYY-MM-DD')`;
    case 'month':
      return `to_char(${local()}, 'YYYY-MM')`;
    case 'week': {
      const start = q.weekStart ?? 1;
      if (!Number.isInteger(start) || start < 0 || start > 6) throw new RangeError(`weekStart ${start}`);
      const day = `${local()}::date`;
      // the latest week start on or before the local day
      return `to_char(${day} - ((extract(dow FROM ${day})::int + ${7 - start}) % 7), 'YYYY-MM-DD')`;
    }
    case 'session':
    case 'project':
    case 'model':
      return q.groupBy;
    case 'all':
      return "''";
  }
}

export function rollupSql(q: RollupQuery, scope: Scope): { sql: string; params: unknown[] } {
  const w = new Where().scope(scope).range(q);
  if (q.session !== undefined) w.and(`session = ${w.param(q.session)}`);
  const key = keyExpr(q, w);
  const sql = `
    SELECT ${key} AS key, model,
      count(*) AS requests,
      sum(input) AS "inputTokens", sum(output) AS "outputTokens",
      sum(cache_write) AS "cacheCreationTokens", sum(cache_write_1h) AS "cacheCreation1hTokens",
      sum(cache_read) AS "cacheReadTokens", sum(web_search) AS "webSearchRequests",
      sum(cost) AS "costUSD",
      min(ts) AS "firstTs", max(ts) AS "lastTs",
      count(*) FILTER (WHERE agent) AS "agentRequests", coalesce(sum(cost) FILTER (WHERE agent), 0) AS "agentCostUSD"
    FROM requests
    ${w}
    GROUP BY 1, 2`;
  return { sql, params: w.params };
}
