// The local side of `ccmeter sync`: which ledger rows a team server has not seen yet. Every write stamps the
// rows it inserts or changes with the next number of one ledger-wide sequence (the `changed` column,
// migration 4); each target keeps the last number the server has stored, moved only after it stored a batch.
// No triggers: they would slow every write of the ledger down, synced or not. Opens its own connection to
// the ledger file (WAL: it never blocks the ledger's readers).
import { DatabaseSync } from 'node:sqlite';
import type { LimitSource, StoredLimitSnapshot } from '../limits.ts';
import type { RequestRecord } from '../request.ts';

export interface SyncCursor {
  requests: number;
  limits: number;
}

/** A page of changed rows (their current state) and the position after them. */
export interface SyncPage<T> {
  rows: T[];
  /** The sequence number just read: the cursor to store once the server has the rows. */
  last: number;
}

/** A request as it is pushed: the local file path stays on the machine. */
export type SyncedRequest = Omit<RequestRecord, 'file'>;

const REQUESTS = `
  SELECT r.changed AS seq, r.key, r.ts, r.ts_known, ns.name AS session, np.name AS project, p.cwd, nm.name AS model,
    r.input, r.output, r.cache_write, r.cache_write_1h, r.cache_read, r.web_search, r.web_fetch,
    r.fast, r.geo_us, r.agent, nv.name AS version
  FROM requests r
    JOIN names ns ON ns.id = r.session
    JOIN names np ON np.id = r.project
    JOIN names nm ON nm.id = r.model
    LEFT JOIN names nv ON nv.id = r.version
    LEFT JOIN projects p ON p.project = r.project
  WHERE r.changed > ? ORDER BY r.changed LIMIT ?`;

const LIMITS = `
  SELECT changed AS seq, first_seen, observed_at, source, window, used_percent, resets_at, detail
  FROM limit_snapshots WHERE changed > ? ORDER BY changed LIMIT ?`;

type Row = Record<string, string | number | null>;

export class SyncLog {
  private readonly db: DatabaseSync;

  /** `file`: a ledger already opened (and so migrated) by openSqliteLedger. */
  constructor(file: string) {
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA busy_timeout = 15000');
  }

  /** The target's cursor; a new target starts at 0 and so receives the whole ledger. */
  cursor(target: string): SyncCursor {
    const have = this.db.prepare('SELECT requests, limits FROM sync_cursors WHERE target = ?').get(target) as SyncCursor | undefined;
    return have ? { requests: Number(have.requests), limits: Number(have.limits) } : { requests: 0, limits: 0 };
  }

  /** Stores the target's new cursor (never moving it back). */
  advance(target: string, cursor: SyncCursor): void {
    this.db
      .prepare(
        `INSERT INTO sync_cursors (target, requests, limits) VALUES (?, ?, ?)
         ON CONFLICT (target) DO UPDATE SET requests = max(requests, excluded.requests), limits = max(limits, excluded.limits)`,
      )
      .run(target, cursor.requests, cursor.limits);
  }

  /** Requests changed after `after`, at most `limit` of them, in the order they changed. */
  requests(after: number, limit: number): SyncPage<SyncedRequest> {
    const rows = this.db.prepare(REQUESTS).all(after, limit) as Row[];
    return { rows: rows.map(toRequest), last: rows.length ? Number(rows[rows.length - 1]!['seq']) : after };
  }

  /** Limit snapshots changed after `after`. */
  limits(after: number, limit: number): SyncPage<StoredLimitSnapshot> {
    const rows = this.db.prepare(LIMITS).all(after, limit) as Row[];
    return { rows: rows.map(toSnapshot), last: rows.length ? Number(rows[rows.length - 1]!['seq']) : after };
  }

  /** Rows not yet pushed to the target. */
  pending(target: string): SyncCursor {
    const c = this.cursor(target);
    const count = (table: string, after: number) => Number((this.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE changed > ?`).get(after) as { n: number }).n);
    return { requests: count('requests', c.requests), limits: count('limit_snapshots', c.limits) };
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
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
