// The local side of `ccmeter sync`: which ledger rows a team server has not seen yet. Migration 4 logs the
// key of every request (and the id of every limit snapshot) inserted or changed once a sync target exists;
// each target keeps a cursor into that log, moved only after the server has stored a batch. Opens its own
// connection to the ledger file (WAL: it never blocks the ledger's readers).
import { DatabaseSync } from 'node:sqlite';
import type { LimitSource, StoredLimitSnapshot } from '../limits.ts';
import type { RequestRecord } from '../request.ts';

export interface SyncCursor {
  requests: number;
  limits: number;
}

/** A page of the log: the rows (their current state, once each) and the position after them. */
export interface SyncPage<T> {
  rows: T[];
  /** The log position just read: the cursor to store once the server has the rows. */
  last: number;
}

/** A request as it is pushed: the local file path stays on the machine. */
export type SyncedRequest = Omit<RequestRecord, 'file'>;

const REQUESTS = `
  SELECT s.seq, r.key, r.ts, r.ts_known, ns.name AS session, np.name AS project, p.cwd, nm.name AS model,
    r.input, r.output, r.cache_write, r.cache_write_1h, r.cache_read, r.web_search, r.web_fetch,
    r.fast, r.geo_us, r.agent, nv.name AS version
  FROM sync_requests s
    JOIN requests r ON r.key = s.key
    JOIN names ns ON ns.id = r.session
    JOIN names np ON np.id = r.project
    JOIN names nm ON nm.id = r.model
    LEFT JOIN names nv ON nv.id = r.version
    LEFT JOIN projects p ON p.project = r.project
  WHERE s.seq > ? ORDER BY s.seq LIMIT ?`;

const LIMITS = `
  SELECT s.seq, l.first_seen, l.observed_at, l.source, l.window, l.used_percent, l.resets_at, l.detail
  FROM sync_limits s JOIN limit_snapshots l ON l.id = s.id
  WHERE s.seq > ? ORDER BY s.seq LIMIT ?`;

type Row = Record<string, string | number | null>;

export class SyncLog {
  private readonly db: DatabaseSync;

  /** `file`: a ledger already opened (and so migrated) by openSqliteLedger. */
  constructor(file: string) {
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA busy_timeout = 15000');
  }

  /** The target's cursor. A new target first logs every stored row, so it receives the whole ledger. */
  cursor(target: string): SyncCursor {
    const get = () => this.db.prepare('SELECT requests, limits FROM sync_cursors WHERE target = ?').get(target) as SyncCursor | undefined;
    const have = get();
    if (have) return { requests: Number(have.requests), limits: Number(have.limits) };
    this.write(() => {
      if (get()) return;
      this.db
        .prepare(`INSERT INTO sync_cursors (target, requests, limits)
          VALUES (?, (SELECT coalesce(max(seq), 0) FROM sync_requests), (SELECT coalesce(max(seq), 0) FROM sync_limits))`)
        .run(target);
      this.db.exec('INSERT INTO sync_requests (key) SELECT key FROM requests ORDER BY ts');
      this.db.exec('INSERT INTO sync_limits (id) SELECT id FROM limit_snapshots ORDER BY id');
    });
    return this.cursor(target);
  }

  /** Stores the target's new cursor and drops log entries every target has passed. */
  advance(target: string, cursor: SyncCursor): void {
    this.write(() => {
      this.db.prepare('UPDATE sync_cursors SET requests = max(requests, ?), limits = max(limits, ?) WHERE target = ?').run(cursor.requests, cursor.limits, target);
      this.db.exec('DELETE FROM sync_requests WHERE seq <= (SELECT min(requests) FROM sync_cursors)');
      this.db.exec('DELETE FROM sync_limits WHERE seq <= (SELECT min(limits) FROM sync_cursors)');
    });
  }

  /** Requests logged after `after`, up to `limit` log entries (a key logged twice is sent once). */
  requests(after: number, limit: number): SyncPage<SyncedRequest> {
    const rows = this.db.prepare(REQUESTS).all(after, limit) as Row[];
    const byKey = new Map<string, SyncedRequest>();
    for (const r of rows) byKey.set(String(r['key']), toRequest(r));
    return { rows: [...byKey.values()], last: rows.length ? Number(rows[rows.length - 1]!['seq']) : after };
  }

  /** Limit snapshots logged after `after`. */
  limits(after: number, limit: number): SyncPage<StoredLimitSnapshot> {
    const rows = this.db.prepare(LIMITS).all(after, limit) as Row[];
    const byRow = new Map<string, StoredLimitSnapshot>();
    for (const r of rows) byRow.set(`${r['source']}|${r['window']}|${r['first_seen']}`, toSnapshot(r));
    return { rows: [...byRow.values()], last: rows.length ? Number(rows[rows.length - 1]!['seq']) : after };
  }

  /** Log entries not yet pushed to the target. */
  pending(target: string): SyncCursor {
    const c = this.cursor(target);
    const count = (table: string, after: number) => Number((this.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE seq > ?`).get(after) as { n: number }).n);
    return { requests: count('sync_requests', c.requests), limits: count('sync_limits', c.limits) };
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private write(f: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      f();
      this.db.exec('COMMIT');
    } catch (e) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }
}

function toRequest(r: Row): SyncedRequest {
  const n = (k: string) => Number(r[k]);
  return {
    key: String(r['key']),
    ts: n('ts'),
    tsKnown: n('ts_known') === 1,
    sessionId: String(r['session']),
    project: String(r['project']),
    cwd: r['cwd'] === null ? null : String(r['cwd']),
    model: String(r['model']),
    inputTokens: n('input'),
    outputTokens: n('output'),
    cacheCreationTokens: n('cache_write'),
    cacheCreation1hTokens: n('cache_write_1h'),
    cacheReadTokens: n('cache_read'),
    webSearchRequests: n('web_search'),
    webFetchRequests: n('web_fetch'),
    fast: n('fast') === 1,
    geoUs: n('geo_us') === 1,
    agent: n('agent') === 1,
    version: r['version'] === null ? null : String(r['version']),
  };
}

function toSnapshot(r: Row): StoredLimitSnapshot {
  return {
    source: String(r['source']) as LimitSource,
    window: String(r['window']),
    firstSeen: Number(r['first_seen']),
    observedAt: Number(r['observed_at']),
    usedPercent: r['used_percent'] === null ? null : Number(r['used_percent']),
    resetsAt: r['resets_at'] === null ? null : Number(r['resets_at']),
    detail: r['detail'] ? (JSON.parse(String(r['detail'])) as Record<string, unknown>) : null,
  };
}
