// The ledger on PostgreSQL, for the team server: the same interface and contract suite as the SQLite
// ledger (test/ledger/contract.ts). Every row belongs to a member; a ledger writes as one member and reads
// the members of its scope (one member, or the whole team for an admin's views).
import type { Pricer } from '../../pricing/cost.ts';
import type { LimitSnapshot, StoredLimitSnapshot } from '../limits.ts';
import type {
  ActivityPoint,
  FileState,
  IngestBatch,
  Ledger,
  LedgerStats,
  PricingIssue,
  ProjectInfo,
  RecentRequest,
  RollupQuery,
  RollupRow,
  VersionCount,
} from '../ledger.ts';
import { query, type Db, type Queryable } from './connect.ts';
import { latestSnapshots, recordSnapshots, snapshotHistory } from './limit-snapshots.ts';
import { upsertRequests } from './request-upsert.ts';
import { rollupSql, Where, type Scope } from './rollup-sql.ts';
import { PostgresStore } from './store.ts';
import { ensureMember } from './members.ts';

export interface PostgresLedgerOptions {
  pricer: Pricer;
  /** The member whose rows this ledger writes and reads (created when missing); default `local`. */
  member?: string;
  /** Connection pool size (default 10). */
  max?: number;
}

type Range = { since?: number; until?: number };

/** Opens (migrating) the store at `url` and returns one member's ledger; `close()` ends the pool. */
export async function openPostgresLedger(url: string, options: PostgresLedgerOptions): Promise<PostgresLedger> {
  const store = await PostgresStore.open(url, options);
  try {
    const id = await ensureMember(store.db, options.member ?? 'local', Date.now());
    return new PostgresLedger(store.db, options.pricer, id, [id], () => store.close());
  } catch (e) {
    await store.close();
    throw e;
  }
}

const FILE_COLUMNS = 'path, dev, ino, size, mtime_ms, "offset", head_hash, bad_lines, partial_tail';

interface FileRow {
  path: string;
  dev: number;
  ino: number;
  size: number;
  mtime_ms: number;
  offset: number;
  head_hash: string;
  bad_lines: number;
  partial_tail: boolean;
}

export class PostgresLedger implements Ledger {
  private readonly db: Db;
  private readonly pricer: Pricer;
  /** The member rows are written as. */
  readonly memberId: number;
  /** The members whose rows are read. */
  readonly scope: Scope;
  private readonly onClose: () => Promise<void>;

  constructor(db: Db, pricer: Pricer, memberId: number, scope: Scope, onClose: () => Promise<void> = async () => {}) {
    this.db = db;
    this.pricer = pricer;
    this.memberId = memberId;
    this.scope = scope;
    this.onClose = onClose;
  }

  async fileStates(): Promise<Map<string, FileState>> {
    const rows = await query<FileRow>(this.db, `SELECT ${FILE_COLUMNS} FROM files WHERE member_id = $1`, [this.memberId]);
    return new Map(rows.map((r) => [r.path, fromFileRow(r)]));
  }

  async fileState(path: string): Promise<FileState | undefined> {
    const [row] = await query<FileRow>(this.db, `SELECT ${FILE_COLUMNS} FROM files WHERE member_id = $1 AND path = $2`, [this.memberId, path]);
    return row ? fromFileRow(row) : undefined;
  }

  async applyBatch(batch: IngestBatch): Promise<void> {
    await this.db.begin(async (tx) => {
      await upsertRequests(tx, this.memberId, batch.requests, this.pricer);
      await writeFileStates(tx, this.memberId, batch.files);
    });
  }

  async rollup(q: RollupQuery): Promise<RollupRow[]> {
    const { sql, params } = rollupSql(q, this.scope);
    const rows = await query<RollupRow>(this.db, sql, params);
    if (q.groupBy === 'session') {
      const projects = await this.sessionProjects(q);
      for (const r of rows) r.project = projects.get(r.key) ?? '';
    }
    return rows.sort(byKeyThenModel);
  }

  /** Session → project of the session's earliest request in the range. */
  private async sessionProjects(q: RollupQuery): Promise<Map<string, string>> {
    const w = new Where().scope(this.scope).range(q);
    const rows = await query<{ session: string; project: string }>(this.db, `SELECT DISTINCT ON (session) session, project FROM requests ${w} ORDER BY session, ts`, w.params);
    return new Map(rows.map((r) => [r.session, r.project]));
  }

  async activity(range: Range): Promise<ActivityPoint[]> {
    const w = new Where().scope(this.scope).range(range);
    return query<ActivityPoint>(
      this.db,
      `SELECT ts, session, model, cost AS "costUSD", input + cache_write + cache_read AS "promptTokens", agent, fast FROM requests ${w} ORDER BY ts`,
      w.params,
    );
  }

  async latestRequests(limit: number): Promise<RecentRequest[]> {
    const w = new Where().scope(this.scope);
    return query<RecentRequest>(
      this.db,
      `SELECT ts, session, project, model, input AS "inputTokens", output AS "outputTokens", cache_write AS "cacheCreationTokens",
         cache_read AS "cacheReadTokens", cost AS "costUSD", agent
       FROM requests ${w} ORDER BY ts DESC, key COLLATE "C" DESC LIMIT ${Math.max(0, Math.floor(limit))}`,
      w.params,
    );
  }

  async pricingIssues(range: Range): Promise<PricingIssue[]> {
    const w = new Where().scope(this.scope).range(range).and('price_status <> 0');
    const rows = await query<{ model: string; n: number }>(this.db, `SELECT model, count(*) AS n FROM requests ${w} GROUP BY model`, w.params);
    return rows.sort((a, b) => (a.model < b.model ? -1 : 1)).map(({ model, n }) => {
      const m = this.pricer.match(model);
      return { model, kind: m ? 'family' : 'unpriced', pricedAs: m?.card.id ?? null, requests: n };
    });
  }

  async versions(range: Range): Promise<VersionCount[]> {
    const w = new Where().scope(this.scope).range(range);
    const rows = await query<VersionCount>(this.db, `SELECT coalesce(version, '') AS version, count(*) AS requests FROM requests ${w} GROUP BY 1`, w.params);
    return rows.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  }

  async projects(): Promise<ProjectInfo[]> {
    const w = new Where().scope(this.scope);
    const rows = await query<ProjectInfo>(this.db, `SELECT DISTINCT ON (project) project, cwd FROM projects ${w} ORDER BY project, last_ts DESC`, w.params);
    return rows.sort((a, b) => (a.project < b.project ? -1 : 1));
  }

  async stats(): Promise<LedgerStats> {
    const w = new Where().scope(this.scope);
    const [r] = await query<{ requests: number; firstTs: number | null; lastTs: number | null }>(
      this.db,
      `SELECT count(*) AS requests, min(ts) AS "firstTs", max(ts) AS "lastTs" FROM requests ${w}`,
      w.params,
    );
    const [f] = await query<{ files: number; badLines: number; partialTails: number; bytes: number }>(
      this.db,
      `SELECT count(*) AS files, coalesce(sum(bad_lines), 0) AS "badLines", count(*) FILTER (WHERE partial_tail) AS "partialTails", coalesce(sum(size), 0) AS bytes FROM files ${w}`,
      w.params,
    );
    return { ...r!, ...f! };
  }

  async recordLimitSnapshots(snapshots: readonly LimitSnapshot[], options: { extendWithinMs?: number } = {}): Promise<void> {
    await recordSnapshots(this.db, this.memberId, snapshots, options.extendWithinMs ?? 600_000);
  }

  async latestLimitSnapshots(): Promise<StoredLimitSnapshot[]> {
    return latestSnapshots(this.db, this.scope);
  }

  async limitHistory(q: { since?: number; windows?: readonly string[] }): Promise<StoredLimitSnapshot[]> {
    return snapshotHistory(this.db, this.scope, q);
  }

  async claimAlert(key: string, firedAt: number, detail?: Record<string, unknown>): Promise<boolean> {
    const rows = await query(
      this.db,
      'INSERT INTO alert_state (member_id, key, fired_at, detail) VALUES ($1, $2, $3, $4) ON CONFLICT (member_id, key) DO NOTHING RETURNING key',
      [this.memberId, key, firedAt, detail ? JSON.stringify(detail) : null],
    );
    return rows.length === 1;
  }

  async firedAlerts(since: number): Promise<{ key: string; firedAt: number; detail: Record<string, unknown> | null }[]> {
    const rows = await query<{ key: string; fired_at: number; detail: string | null }>(
      this.db,
      'SELECT key, fired_at, detail FROM alert_state WHERE member_id = $1 AND fired_at >= $2 ORDER BY fired_at DESC, key COLLATE "C"',
      [this.memberId, since],
    );
    return rows.map((r) => ({ key: r.key, firedAt: r.fired_at, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}

async function writeFileStates(tx: Queryable, memberId: number, files: readonly FileState[]): Promise<void> {
  if (files.length === 0) return;
  const rows = files.map((f) => ({
    path: f.path, dev: f.dev, ino: f.ino, size: f.size, mtime_ms: f.mtimeMs, offset: f.offset,
    head_hash: f.headHash, bad_lines: f.badLines, partial_tail: f.partialTail,
  }));
  await query(
    tx,
    `INSERT INTO files AS f (member_id, ${FILE_COLUMNS})
     SELECT $1, ${FILE_COLUMNS} FROM json_to_recordset($2::text::json)
       AS j(path text, dev float8, ino float8, size int8, mtime_ms float8, "offset" int8, head_hash text, bad_lines int4, partial_tail bool)
     ORDER BY path
     ON CONFLICT (member_id, path) DO UPDATE SET dev = excluded.dev, ino = excluded.ino, size = excluded.size, mtime_ms = excluded.mtime_ms,
       "offset" = excluded."offset", head_hash = excluded.head_hash, bad_lines = excluded.bad_lines, partial_tail = excluded.partial_tail`,
    [memberId, JSON.stringify(rows)],
  );
}

function fromFileRow(r: FileRow): FileState {
  return {
    path: r.path, dev: r.dev, ino: r.ino, size: r.size, mtimeMs: r.mtime_ms, offset: r.offset,
    headHash: r.head_hash, badLines: r.bad_lines, partialTail: r.partial_tail,
  };
}

function byKeyThenModel(a: RollupRow, b: RollupRow): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : 0;
}
