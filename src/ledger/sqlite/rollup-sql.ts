// SQL for rollups. Calendar keys are computed in SQL in the user's zone: UTC timestamps are shifted by the
// zone's offset, found with a CASE over the intervals of constant offset (tz.ts), so DST and half-hour
// zones group exactly, in one pass over the rows.
import type { SQLInputValue } from 'node:sqlite';
import { offsetIntervals } from '../../shared/tz.ts';
import type { RollupQuery } from '../ledger.ts';

function localMs(tz: string, lo: number, hi: number): string {
  const intervals = offsetIntervals(tz, lo, hi);
  if (intervals.length === 1) return `(ts + ${intervals[0]!.offsetMs})`;
  const cases = intervals.slice(0, -1).map((i) => `WHEN ts < ${i.to} THEN ${i.offsetMs}`);
  return `(ts + CASE ${cases.join(' ')} ELSE ${intervals[intervals.length - 1]!.offsetMs} END)`;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** 1970-01-01 was a Thursday. */
const EPOCH_WEEKDAY = 4;

/**
 * Calendar keys as integers (local hour or day numbers since the epoch): integer arithmetic costs far less
 * per row than strftime. Months are folded from days by the caller (`calendarKey`).
 */
function keyExpr(q: RollupQuery, lo: number, hi: number): string {
  const local = () => localMs(q.tz, lo, hi);
  switch (q.groupBy) {
    case 'minute':
      return `ts / 60000`;
    case 'hour':
      return `${local()} / ${HOUR}`;
    case 'day':
    case 'month':
      return `${local()} / ${DAY}`;
    case 'week': {
      const start = q.weekStart ?? 1;
      if (!Number.isInteger(start) || start < 0 || start > 6) throw new RangeError(`weekStart ${start}`);
      // the day number of the latest week start on or before the day
      return `(${local()} / ${DAY}) - ((${local()} / ${DAY}) + ${EPOCH_WEEKDAY - start + 7}) % 7`;
    }
    case 'session':
    case 'project':
    case 'model':
      return q.groupBy;
    case 'all':
      return "''";
  }
}

/** The report key of an integer calendar key from `keyExpr`. */
export function calendarKey(groupBy: RollupQuery['groupBy'], n: number): string {
  switch (groupBy) {
    case 'minute':
      return new Date(n * 60_000).toISOString().slice(0, 16) + 'Z';
    case 'hour': {
      const iso = new Date(n * HOUR).toISOString();
      return `${iso.slice(0, 10)} ${iso.slice(11, 13)}:00`;
    }
    case 'day':
    case 'week':
      return new Date(n * DAY).toISOString().slice(0, 10);
    case 'month':
      return new Date(n * DAY).toISOString().slice(0, 7);
    default:
      return String(n);
  }
}

/**
 * WHERE terms for a time range; only the bounds given. (A range spanning everything would make SQLite walk
 * the ts index and fetch every row by rowid, several times slower than scanning the table.)
 */
export function timeRange(range: { since?: number | undefined; until?: number | undefined }): { where: string[]; params: SQLInputValue[] } {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (range.since !== undefined) {
    where.push('ts >= ?');
    params.push(range.since);
  }
  if (range.until !== undefined) {
    where.push('ts < ?');
    params.push(range.until);
  }
  return { where, params };
}

/** `WHERE …` for the terms, or nothing. */
export const whereClause = (terms: string[]) => (terms.length ? `WHERE ${terms.join(' AND ')}` : '');

/** Groupings whose key is a name id (resolved to the name by the caller, as `keyId`). */
const BY_NAME = new Set<RollupQuery['groupBy']>(['session', 'project', 'model']);
export const keyIsName = (groupBy: RollupQuery['groupBy']) => BY_NAME.has(groupBy);

/** `sessionId`: the interned id of `q.session` when the rollup is restricted to one session. */
/**
 * Aggregates over the requests table, and the same over the summaries. SqliteLedger.rollup reads the columns
 * by position: key, model, then these, in this order.
 */
const FROM_REQUESTS = `count(*) AS requests,
      sum(input) AS inputTokens, sum(output) AS outputTokens,
      sum(cache_write) AS cacheCreationTokens, sum(cache_write_1h) AS cacheCreation1hTokens,
      sum(cache_read) AS cacheReadTokens, sum(web_search) AS webSearchRequests,
      total(cost) AS costUSD,
      min(ts) AS firstTs, max(ts) AS lastTs,
      sum(agent) AS agentRequests, total(iif(agent, cost, 0)) AS agentCostUSD`;
const FROM_SUMMARY = `sum(requests) AS requests,
      sum(input) AS inputTokens, sum(output) AS outputTokens,
      sum(cache_write) AS cacheCreationTokens, sum(cache_write_1h) AS cacheCreation1hTokens,
      sum(cache_read) AS cacheReadTokens, sum(web_search) AS webSearchRequests,
      total(cost) AS costUSD,
      min(first_ts) AS firstTs, max(last_ts) AS lastTs,
      sum(agent_requests) AS agentRequests, total(agent_cost) AS agentCostUSD`;

/** Which summary table answers a rollup: usage_quarter, usage_session, or none (every request). */
export type Summary = 'quarter' | 'session' | null;

/** The quarter-hour summary stands in for a time range only when its bounds fall on quarter-hours. */
export const QUARTER_MS = 900_000;
export function quarterAligned(range: { since?: number | undefined; until?: number | undefined }): boolean {
  return (range.since === undefined || range.since % QUARTER_MS === 0) && (range.until === undefined || range.until % QUARTER_MS === 0);
}

/**
 * `sessionId`: the interned id of `q.session` when the rollup is restricted to one session.
 * `summary`: read usage_quarter (each row's `ts` is its quarter's start) or usage_session (no time range)
 * instead of every request; both have the columns FROM_SUMMARY reads.
 */
export function rollupSql(q: RollupQuery, lo: number, hi: number, sessionId?: number, summary: Summary = null): { sql: string; params: SQLInputValue[] } {
  const { where, params } = timeRange(q);
  if (sessionId !== undefined) {
    where.push('session = ?');
    params.push(sessionId);
  }
  const key = keyExpr(q, lo, hi);
  const sql = `
    SELECT ${key} AS ${BY_NAME.has(q.groupBy) ? 'keyId' : 'key'}, model,
      ${summary ? FROM_SUMMARY : FROM_REQUESTS}
    FROM ${summary === 'quarter' ? `(SELECT q * ${QUARTER_MS} AS ts, * FROM usage_quarter)` : summary === 'session' ? 'usage_session' : 'requests'}
    ${whereClause(where)}
    GROUP BY 1, 2
    ORDER BY 1, 2`;
  return { sql, params };
}
