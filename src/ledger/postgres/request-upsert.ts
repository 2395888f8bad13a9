// Writes requests with the ledger's merge rule (facts/transcripts.md §7, request.ts): COPY streams the
// batch into a session-local staging table (PostgreSQL's fastest way in), then one INSERT … ON CONFLICT
// merges each row with the stored copy: max per usage field, the earliest copy's timestamp and
// attribution. Costs are computed here, in JS, with the Pricer; a merge that mixes the two copies (say the
// stored one is earlier but the new one has more output) is marked, then re-priced in the same transaction.
import { finished } from 'node:stream/promises';
import type { Pricer } from '../../pricing/cost.ts';
import { mergeRequest, type RequestRecord } from '../request.ts';
import { query, type Queryable } from './connect.ts';
import { priceRow, type PricingColumns } from './reprice.ts';

const COLUMNS = [
  'key text COLLATE "C"', 'ts int8', 'ts_known bool', 'session text', 'project text', 'model text', 'input int8', 'output int8',
  'cache_write int8', 'cache_write_1h int8', 'cache_read int8', 'web_search int8', 'web_fetch int8', 'fast bool',
  'geo_us bool', 'agent bool', 'version text', 'file text', 'cost float8', 'price_status int2',
];
const NAMES = COLUMNS.map((c) => c.split(' ')[0]!);
const USAGE = ['input', 'output', 'cache_write', 'cache_write_1h', 'cache_read', 'web_search', 'web_fetch'];

/** The incoming copy gives the group its timestamp and attribution (request.ts isEarlier). */
const EARLIER = '(excluded.ts_known AND NOT r.ts_known OR (excluded.ts_known = r.ts_known AND excluded.ts < r.ts))';
const pick = (c: string) => `${c} = CASE WHEN ${EARLIER} THEN excluded.${c} ELSE r.${c} END`;
/** The incoming copy wins every field, so the merged row is priced exactly as the incoming one. */
const DOMINATES = `${EARLIER} AND ${USAGE.map((c) => `excluded.${c} >= r.${c}`).join(' AND ')} AND (excluded.fast OR NOT r.fast) AND (excluded.geo_us OR NOT r.geo_us)`;
const CHANGES = `${EARLIER} OR ${USAGE.map((c) => `excluded.${c} > r.${c}`).join(' OR ')} OR (excluded.fast AND NOT r.fast) OR (excluded.geo_us AND NOT r.geo_us)`;

/** Emptied at every commit; created once per connection. */
const STAGING = `CREATE TEMP TABLE IF NOT EXISTS ccm_staging (${COLUMNS.join(', ')}) ON COMMIT DELETE ROWS`;
const COPY = `COPY ccm_staging (${NAMES.join(', ')}) FROM STDIN`;

const UPSERT = `
  WITH up AS (
    INSERT INTO requests AS r (member_id, ${NAMES.join(', ')})
    SELECT $1, ${NAMES.join(', ')} FROM ccm_staging
    ON CONFLICT (member_id, key) DO UPDATE SET
      ${USAGE.map((c) => `${c} = greatest(r.${c}, excluded.${c})`).join(', ')},
      fast = r.fast OR excluded.fast, geo_us = r.geo_us OR excluded.geo_us,
      ${['ts', 'ts_known', 'session', 'project', 'model', 'agent', 'file', 'price_status'].map(pick).join(', ')},
      version = CASE WHEN ${EARLIER} THEN coalesce(excluded.version, r.version) ELSE r.version END,
      cost = CASE WHEN ${DOMINATES} THEN excluded.cost ELSE -1 END
    WHERE ${CHANGES}
    RETURNING key, cost
  )
  SELECT key FROM up WHERE cost < 0`;

/** The merged values of rows to re-price. */
const MIXED = `
  SELECT key, ts, model, fast, geo_us, input, output, cache_write, cache_write_1h, cache_read, web_search FROM requests
  WHERE member_id = $1 AND key IN (SELECT json_array_elements_text($2::text::json))`;

const REPRICE = `
  UPDATE requests AS r SET cost = j.cost
  FROM json_to_recordset($2::text::json) AS j(key text, cost float8)
  WHERE r.member_id = $1 AND r.key = j.key`;

const PROJECT = `
  INSERT INTO projects AS p (member_id, project, cwd, last_ts)
  SELECT $1, project, cwd, last_ts FROM json_to_recordset($2::text::json) AS j(project text, cwd text, last_ts int8) ORDER BY project
  ON CONFLICT (member_id, project) DO UPDATE SET cwd = excluded.cwd, last_ts = excluded.last_ts WHERE excluded.last_ts >= p.last_ts`;

const byKey = (a: IncomingRequest, b: IncomingRequest) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** A request to store; `file` is absent for rows pushed by a machine (its paths stay there). */
export type IncomingRequest = Omit<RequestRecord, 'file'> & { file?: string };

/** One copy per key (ON CONFLICT cannot touch a row twice in one statement), merged by the usual rule. */
export function mergeByKey<R extends IncomingRequest>(records: readonly R[]): R[] {
  const byKey = new Map<string, R>();
  const copied = new Set<R>();
  for (const r of records) {
    let have = byKey.get(r.key);
    if (!have) {
      byKey.set(r.key, r);
      continue;
    }
    if (!copied.has(have)) {
      // merge into a copy: the caller's records stay as they were
      have = { ...have };
      copied.add(have);
      byKey.set(r.key, have);
    }
    mergeRequest(have as RequestRecord, { file: '', ...r });
  }
  return byKey.size === records.length ? [...records] : [...byKey.values()];
}

/**
 * Upserts `records` for one member; run it inside a transaction. Timestamps are stored in whole
 * milliseconds (a file-time stand-in can carry a fraction).
 */
export async function upsertRequests(tx: Queryable, memberId: number, records: readonly IncomingRequest[], pricer: Pricer): Promise<void> {
  if (records.length === 0) return;
  // sorted, so concurrent batches of one member lock shared rows in the same order (no deadlock); the
  // staging table is read back in the order COPY wrote it
  const merged = mergeByKey(records).sort(byKey);
  await query(tx, STAGING);
  const copy = await tx.unsafe(COPY).writable();
  copy.end(copyText(merged, pricer));
  await finished(copy);
  const marked = await query<{ key: string }>(tx, UPSERT, [memberId]);
  if (marked.length > 0) {
    const mixed = await query<PricingColumns>(tx, MIXED, [memberId, JSON.stringify(marked.map((m) => m.key))]);
    const costs = mixed.map((m) => ({ key: m.key, cost: priceRow(pricer, m).usd }));
    await query(tx, REPRICE, [memberId, JSON.stringify(costs)]);
  }
  await upsertProjects(tx, memberId, merged);
}

/** The latest working directory of each project in the batch, kept when newer than the stored one. */
async function upsertProjects(tx: Queryable, memberId: number, records: readonly IncomingRequest[]): Promise<void> {
  const latest = new Map<string, { project: string; cwd: string; last_ts: number }>();
  for (const r of records) {
    if (!r.cwd) continue;
    const seen = latest.get(r.project);
    if (!seen || r.ts >= seen.last_ts) latest.set(r.project, { project: r.project, cwd: r.cwd, last_ts: r.ts });
  }
  if (latest.size > 0) await query(tx, PROJECT, [memberId, JSON.stringify([...latest.values()])]);
}

/** COPY's text format: tab-separated columns, `\N` for null, backslash escapes in text. */
function copyText(records: readonly IncomingRequest[], pricer: Pricer): string {
  let out = '';
  for (const r of records) {
    const c = pricer.cost(r);
    out +=
      `${text(r.key)}\t${Math.floor(r.ts)}\t${bool(r.tsKnown)}\t${text(r.sessionId)}\t${text(r.project)}\t${text(r.model)}\t` +
      `${r.inputTokens}\t${r.outputTokens}\t${r.cacheCreationTokens}\t${r.cacheCreation1hTokens}\t${r.cacheReadTokens}\t` +
      `${r.webSearchRequests}\t${r.webFetchRequests}\t${bool(r.fast)}\t${bool(r.geoUs)}\t${bool(r.agent)}\t` +
      `${r.version === null ? '\\N' : text(r.version)}\t${r.file ? text(r.file) : ''}\t${c.usd}\t${c.status}\n`;
  }
  return out;
}

const bool = (b: boolean) => (b ? 't' : 'f');
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const text = (s: string) => (SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]!) : s);
