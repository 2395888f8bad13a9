// Limit observations on PostgreSQL, with the SQLite ledger's rule: a value equal to the newest stored one
// for its (source, window) moves that row's observedAt forward; a new value adds a row. Rows synced from a
// member's machines carry their own first-seen time and merge on it (the newest observedAt wins).
import type { LimitSnapshot, LimitSource, StoredLimitSnapshot } from '../limits.ts';
import { query, type Db, type Queryable } from './connect.ts';
import { Where, type Scope } from './rollup-sql.ts';

const COLUMNS = 'first_seen, observed_at, source, limit_window, used_percent, resets_at, detail';

interface SnapshotRow {
  id: number;
  first_seen: number;
  observed_at: number;
  source: string;
  limit_window: string;
  used_percent: number | null;
  resets_at: number | null;
  detail: string | null;
}

export async function recordSnapshots(db: Db, memberId: number, snapshots: readonly LimitSnapshot[], extendWithinMs: number): Promise<void> {
  if (snapshots.length === 0) return;
  await db.begin(async (tx) => {
    // one writer per member at a time, so "the newest row" cannot change under us
    await query(tx, 'SELECT pg_advisory_xact_lock(7, $1)', [memberId]);
    for (const s of snapshots) {
      const detail = s.detail ? JSON.stringify(s.detail) : null;
      const [prev] = await query<SnapshotRow>(
        tx,
        `SELECT id, ${COLUMNS} FROM limit_snapshots WHERE member_id = $1 AND source = $2 AND limit_window = $3 ORDER BY observed_at DESC, id DESC LIMIT 1`,
        [memberId, s.source, s.window],
      );
      const same =
        prev !== undefined &&
        s.observedAt >= prev.observed_at &&
        s.observedAt - prev.observed_at <= extendWithinMs &&
        sameNumber(prev.used_percent, s.usedPercent, 1e-9) &&
        sameNumber(prev.resets_at, s.resetsAt, 60_000) &&
        prev.detail === detail;
      if (same) await query(tx, 'UPDATE limit_snapshots SET observed_at = $1 WHERE id = $2', [s.observedAt, prev.id]);
      else await insertSnapshots(tx, memberId, [{ ...s, firstSeen: s.observedAt }]);
    }
  });
}

/** Upserts stored snapshots (from a member's machines) on (source, window, first seen). Idempotent. */
export async function insertSnapshots(tx: Queryable, memberId: number, snapshots: readonly StoredLimitSnapshot[]): Promise<void> {
  if (snapshots.length === 0) return;
  const rows = snapshots.map((s) => ({
    first_seen: s.firstSeen,
    observed_at: s.observedAt,
    source: s.source,
    limit_window: s.window,
    used_percent: s.usedPercent,
    resets_at: s.resetsAt,
    detail: s.detail ? JSON.stringify(s.detail) : null,
  }));
  await query(
    tx,
    `INSERT INTO limit_snapshots AS l (member_id, ${COLUMNS})
     SELECT $1, ${COLUMNS} FROM json_to_recordset($2::text::json)
       AS j(first_seen int8, observed_at int8, source text, limit_window text, used_percent float8, resets_at int8, detail text)
     ORDER BY source, limit_window, first_seen
     ON CONFLICT (member_id, source, limit_window, first_seen) DO UPDATE SET
       observed_at = excluded.observed_at, used_percent = excluded.used_percent, resets_at = excluded.resets_at, detail = excluded.detail
     WHERE excluded.observed_at > l.observed_at`,
    [memberId, JSON.stringify(rows)],
  );
}

export async function latestSnapshots(db: Queryable, scope: Scope): Promise<StoredLimitSnapshot[]> {
  const w = new Where().scope(scope);
  const rows = await query<SnapshotRow>(
    db,
    `SELECT DISTINCT ON (limit_window COLLATE "C", source COLLATE "C") id, ${COLUMNS} FROM limit_snapshots ${w}
     ORDER BY limit_window COLLATE "C", source COLLATE "C", observed_at DESC, id DESC`,
    w.params,
  );
  return rows.map(fromRow);
}

export async function snapshotHistory(db: Queryable, scope: Scope, q: { since?: number; windows?: readonly string[] }): Promise<StoredLimitSnapshot[]> {
  const w = new Where().scope(scope);
  if (q.since !== undefined) w.and(`observed_at >= ${w.param(q.since)}`);
  if (q.windows) w.and(`limit_window IN (SELECT jsonb_array_elements_text(${w.param(JSON.stringify(q.windows))}::text::jsonb))`);
  const rows = await query<SnapshotRow>(db, `SELECT id, ${COLUMNS} FROM limit_snapshots ${w} ORDER BY observed_at, id`, w.params);
  return rows.map(fromRow);
}

function fromRow(r: SnapshotRow): StoredLimitSnapshot {
  return {
    source: r.source as LimitSource,
    window: r.limit_window,
    firstSeen: r.first_seen,
    observedAt: r.observed_at,
    usedPercent: r.used_percent,
    resetsAt: r.resets_at,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  };
}

function sameNumber(a: number | null, b: number | null, tolerance: number): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tolerance;
}
