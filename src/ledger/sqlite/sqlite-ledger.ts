// The ledger in one SQLite file through node:sqlite (no native addon). WAL mode, so readers never wait for
// the writer; writes in BEGIN IMMEDIATE transactions with a busy timeout, and every write an idempotent
// max/min upsert, so two ccmeter processes at once neither corrupt nor double count.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Pricer } from '../../pricing/cost.ts';
import { addUsage } from '../../model/usage.ts';
import { fingerprint } from '../../pricing/price-table.ts';
import { LedgerCorruptError } from '../../shared/errors.ts';
import type { LimitSnapshot, LimitSource, StoredLimitSnapshot } from '../limits.ts';
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
import type { RequestRecord } from '../request.ts';
import { MIGRATIONS } from './migrations.ts';
import { calendarKey, keyIsName, QUARTER_MS, quarterAligned, rollupSql, timeRange, whereClause, type Summary } from './rollup-sql.ts';

export interface SqliteLedgerOptions {
  pricer: Pricer;
  /** Milliseconds to wait for another process's write transaction. */
  busyTimeoutMs?: number;
  /** Page cache of this connection (default 8 MiB). */
  cacheKiB?: number;
  /**
   * The ledger is being filled for the first time, from logs that stay on disk: commits and checkpoints skip
   * fsync (synchronous = OFF) until `finishFirstLoad()`. Every connection of that load must say so, since any
   * of them may run a checkpoint. A crash of the process loses nothing (its writes are in the OS's hands);
   * a power cut during the load, or in the seconds before the OS has written it back, can at worst damage a
   * ledger that `ccmeter rebuild` makes again from the same logs. On this machine the fsyncs of a 3 GB
   * history's checkpoints took 2.4 of its 7.5 s.
   */
  firstLoad?: boolean;
}

const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;
const SQLITE_BUSY = 5;

/** Opens (creating or migrating) the ledger at `file`. */
export function openSqliteLedger(file: string, options: SqliteLedgerOptions): SqliteLedger {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  return guard(file, () => new SqliteLedger(new DatabaseSync(file), file, options));
}

function isCorruption(e: unknown): boolean {
  const code = (e as { errcode?: number } | null)?.errcode;
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB || (code !== undefined && (code & 0xff) === SQLITE_CORRUPT);
}

function guard<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isCorruption(e)) {
      throw new LedgerCorruptError(
        `The ledger at ${file} is damaged: ${(e as Error).message}.`,
        'Run `ccmeter rebuild` to set it aside and rebuild it from the logs (requests whose transcripts Claude Code has since deleted cannot be recovered).',
        { cause: e },
      );
    }
    throw e;
  }
}

const UPSERT_COLUMNS =
  'key, ts, ts_known, session, project, model, input, output, cache_write, cache_write_1h, cache_read, web_search, web_fetch, fast, geo_us, agent, version, file, cost, price_status, changed';
/** `excluded` is the earlier copy: it gives the group its timestamp and attribution (request.ts isEarlier). */
const EARLIER = '(excluded.ts_known > ts_known OR (excluded.ts_known = ts_known AND excluded.ts < ts))';
const pick = (col: string) => `${col} = iif(${EARLIER}, excluded.${col}, ${col})`;
const maxOf = (col: string) => `max(${col}, excluded.${col})`;
const UPSERT = `
  INSERT INTO requests (${UPSERT_COLUMNS}) VALUES (${UPSERT_COLUMNS.split(',').map(() => '?').join(', ')})
  ON CONFLICT (key) DO UPDATE SET
    input = ${maxOf('input')}, output = ${maxOf('output')}, cache_write = ${maxOf('cache_write')},
    cache_write_1h = ${maxOf('cache_write_1h')}, cache_read = ${maxOf('cache_read')},
    web_search = ${maxOf('web_search')}, web_fetch = ${maxOf('web_fetch')},
    fast = ${maxOf('fast')}, geo_us = ${maxOf('geo_us')},
    ${['ts', 'ts_known', 'session', 'project', 'model', 'agent', 'file'].map(pick).join(', ')},
    version = iif(${EARLIER}, coalesce(excluded.version, version), version),
    cost = ccm_cost(iif(${EARLIER}, excluded.model, model), iif(${EARLIER}, excluded.ts, ts), ${maxOf('fast')}, ${maxOf('geo_us')},
      ${maxOf('input')}, ${maxOf('output')}, ${maxOf('cache_write')}, ${maxOf('cache_write_1h')}, ${maxOf('cache_read')}, ${maxOf('web_search')}),
    price_status = ccm_price_status(iif(${EARLIER}, excluded.model, model)),
    prev_ts = ts, prev_session = session, changed = excluded.changed
  WHERE ${EARLIER} OR excluded.input > input OR excluded.output > output OR excluded.cache_write > cache_write
    OR excluded.cache_write_1h > cache_write_1h OR excluded.cache_read > cache_read OR excluded.web_search > web_search
    OR excluded.web_fetch > web_fetch OR excluded.fast > fast OR excluded.geo_us > geo_us`;

const FILE_STATE = `
  INSERT INTO files (path, dev, ino, size, mtime_ms, offset, head_hash, bad_lines, partial_tail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (path) DO UPDATE SET dev = excluded.dev, ino = excluded.ino, size = excluded.size, mtime_ms = excluded.mtime_ms,
    offset = excluded.offset, head_hash = excluded.head_hash, bad_lines = excluded.bad_lines, partial_tail = excluded.partial_tail`;

const PROJECT = `
  INSERT INTO projects (project, cwd, last_ts) VALUES (?, ?, ?)
  ON CONFLICT (project) DO UPDATE SET cwd = excluded.cwd, last_ts = excluded.last_ts WHERE excluded.last_ts >= last_ts`;

/** A summary table, the table of keys whose rows changed since its refresh, and how to recompute rows. */
interface SummaryTable {
  table: string;
  dirty: string;
  key: string;
  /** The join of a dirty key (`d`) to its requests (`r`). */
  join: string;
  select: string;
  groupBy: string;
  /** More dirty keys than this (and than half the table): rebuild the whole table. */
  wholeAbove: number;
}

const QUARTER_SUMMARY: SummaryTable = {
  table: 'usage_quarter',
  dirty: 'dirty_quarters',
  key: 'q',
  join: `r.ts >= d.q * ${QUARTER_MS} AND r.ts < (d.q + 1) * ${QUARTER_MS}`,
  select: `r.ts / ${QUARTER_MS}, r.model, coalesce(r.version, 0), count(*), sum(r.input), sum(r.output), sum(r.cache_write),
    sum(r.cache_write_1h), sum(r.cache_read), sum(r.web_search), total(r.cost), sum(r.agent), total(iif(r.agent, r.cost, 0)),
    sum(r.price_status != 0), min(r.ts), max(r.ts)`,
  groupBy: 'GROUP BY 1, 2, 3',
  wholeAbove: 2000,
};

/**
 * Page cache per connection, in KiB. 8 MB rather than 16: a 1 GB history's ledger (14 MB) filled 16 MB only in
 * part and a 3 GB one wholly, which made peak memory grow with the history; with 8 MB both fill it (cold 3 GB:
 * peak RSS median 146 → 144 MB, worst of six 154 → 144 MB; same time cold and warm).
 */
const DEFAULT_CACHE_KIB = 8_192;
/**
 * Page cache of each connection of a first load. A batch's inserts touch most pages of the key index and of
 * the time index, so the pages a write holds grew with the ledger until the cache was full: 3 MB of the
 * worker's 8 at 1 GB, all 8 at 3 GB, and peak memory with it. Written in key order (see `write`), the key
 * index is walked once per batch and 2 MB do as well (3 GB cold, five interleaved pairs: 5.79 → 5.94 s,
 * peak 130 → 119 MB; 1 GB 115 → 110 MB).
 */
const FIRST_LOAD_CACHE_KIB = 2_048;
/** Page cache (and so sorter memory) while a summary is rebuilt from every request. */
const REBUILD_CACHE_KIB = 2_048;

const SESSION_SUMMARY: SummaryTable = {
  table: 'usage_session',
  dirty: 'dirty_sessions',
  key: 'session',
  join: 'r.session = d.session',
  select: `r.session, r.project, r.model, count(*), sum(r.input), sum(r.output), sum(r.cache_write), sum(r.cache_write_1h),
    sum(r.cache_read), sum(r.web_search), total(r.cost), sum(r.agent), total(iif(r.agent, r.cost, 0)), min(r.ts), max(r.ts)`,
  groupBy: 'GROUP BY 1, 2, 3',
  wholeAbove: 1000,
};

/** Groupings the quarter-hour summary can answer. */
const SUMMARY_GROUPINGS = new Set<RollupQuery['groupBy']>(['hour', 'day', 'week', 'month', 'model', 'all']);
/** Groupings the session summary can answer, over the whole history. */
const SESSION_GROUPINGS = new Set<RollupQuery['groupBy']>(['session', 'project']);

const STATEMENTS = {
  upsert: UPSERT,
  fileId: 'SELECT id FROM files WHERE path = ?',
  newFile: 'INSERT INTO files (path) VALUES (?) ON CONFLICT (path) DO NOTHING',
  fileState: FILE_STATE,
  project: PROJECT,
  nameId: 'SELECT id FROM names WHERE name = ?',
  newName: 'INSERT INTO names (name) VALUES (?) ON CONFLICT (name) DO NOTHING',
  nameOf: 'SELECT name FROM names WHERE id = ?',
  dirtyQuarter: 'INSERT OR IGNORE INTO dirty_quarters (q) VALUES (?)',
  dirtySession: 'INSERT OR IGNORE INTO dirty_sessions (session) VALUES (?)',
  // merged rows of this write (their previous time and session are in prev_ts, prev_session): read through
  // the small partial index
  movedFrom: 'SELECT prev_ts, prev_session FROM requests WHERE prev_ts IS NOT NULL AND changed > ?',
};

/**
 * Entries each write-path id cache holds before it starts afresh. Records come file by file, so the ids in use
 * are few at a time (a file's session, its project, a handful of models); 4,096 covers a whole batch.
 */
const WRITE_CACHE_ENTRIES = 4096;

const byKey = (a: RequestRecord, b: RequestRecord): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function remember<K, V>(cache: Map<K, V>, key: K, value: V): void {
  if (cache.size >= WRITE_CACHE_ENTRIES) cache.clear();
  cache.set(key, value);
}

export class SqliteLedger implements Ledger {
  /**
   * Ids of the files and names this connection wrote lately. Bounded (see WRITE_CACHE_ENTRIES): a first
   * ingest meets every file and session once, and a map of all of them grew the heap with the history.
   */
  private readonly fileIds = new Map<string, number>();
  private readonly nameIds = new Map<string, number>();
  /** Names of ids read for reports (loadAllNames fills it for a report of many sessions). */
  private readonly nameById = new Map<number, string>();
  private readonly createdIds: ['name' | 'file', string][] = [];
  /** Statements, prepared on first use (a statusline run needs few of them). */
  private readonly prepared = new Map<keyof typeof STATEMENTS, StatementSync>();

  private readonly db: DatabaseSync;
  readonly file: string;
  private readonly options: SqliteLedgerOptions;

  constructor(db: DatabaseSync, file: string, options: SqliteLedgerOptions) {
    this.db = db;
    this.file = file;
    this.options = options;
    db.exec(`PRAGMA busy_timeout = ${options.busyTimeoutMs ?? 15000}`);
    db.exec('PRAGMA page_size = 16384');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(`PRAGMA synchronous = ${options.firstLoad ? 'OFF' : 'NORMAL'}`);
    db.exec(`PRAGMA cache_size = -${this.cacheKiB()}`);
    // sorts beyond the page cache (the GROUP BY that rebuilds a summary after a first ingest) spill to a
    // temporary file rather than to the heap: 21 → 7 MB of growth for a 3 GB history, at no cost in time
    db.exec('PRAGMA temp_store = FILE');
    this.registerFunctions();
    this.migrate();
    this.repriceIfNeeded();
  }

  private cacheKiB(): number {
    return this.options.cacheKiB ?? (this.options.firstLoad ? FIRST_LOAD_CACHE_KIB : DEFAULT_CACHE_KIB);
  }

  private statement(name: keyof typeof STATEMENTS): StatementSync {
    let st = this.prepared.get(name);
    if (!st) {
      st = this.db.prepare(STATEMENTS[name]);
      this.prepared.set(name, st);
    }
    return st;
  }

  private registerFunctions(): void {
    const { pricer } = this.options;
    this.db.function('ccm_cost', { deterministic: true }, (model, ts, fast, geoUs, input, output, cw, cw1h, cr, ws) =>
      pricer.cost({
        model: this.name(Number(model)),
        ts: Number(ts),
        fast: Number(fast) === 1,
        geoUs: Number(geoUs) === 1,
        inputTokens: Number(input),
        outputTokens: Number(output),
        cacheCreationTokens: Number(cw),
        cacheCreation1hTokens: Number(cw1h),
        cacheReadTokens: Number(cr),
        webSearchRequests: Number(ws),
      }).usd,
    );
    this.db.function('ccm_price_status', { deterministic: true }, (model) => pricer.status(this.name(Number(model))));
  }

  /** Runs the migrations this file has not seen yet. Exported for tests through `migrateTo`. */
  private migrate(): void {
    const current = Number((this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
    if (current > MIGRATIONS.length) {
      throw new LedgerCorruptError(
        `The ledger at ${this.file} was written by a newer ccmeter (schema ${current}, this one knows ${MIGRATIONS.length}).`,
        'Upgrade ccmeter, or point CCMETER_HOME somewhere else.',
      );
    }
    if (current === MIGRATIONS.length) return;
    this.transaction(() => {
      const again = Number((this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
      for (let v = again; v < MIGRATIONS.length; v++) this.db.exec(MIGRATIONS[v]!);
      this.db.exec(`PRAGMA user_version = ${MIGRATIONS.length}`);
    });
  }

  /** Prices are stored per row; a different price table (new release, user overrides) re-prices every row. */
  private repriceIfNeeded(): void {
    const want = fingerprint(this.options.pricer.table);
    const have = this.db.prepare("SELECT value FROM meta WHERE key = 'price_fingerprint'").get() as { value: string } | undefined;
    if (have?.value === want) return;
    this.transaction(() => {
      this.db.exec(`UPDATE requests SET cost = ccm_cost(model, ts, fast, geo_us, input, output, cache_write, cache_write_1h, cache_read, web_search),
        price_status = ccm_price_status(model)`);
      this.db.exec(`INSERT OR IGNORE INTO dirty_quarters SELECT DISTINCT ts / ${QUARTER_MS} FROM requests`);
      this.db.exec('INSERT OR IGNORE INTO dirty_sessions SELECT DISTINCT session FROM requests');
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('price_fingerprint', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(want);
    });
  }

  /**
   * Runs `f` in a write transaction. With `wait: false` it gives up at once (returns false) when another
   * connection holds the write lock, instead of waiting for it.
   */
  private transaction(f: () => void, wait = true): boolean {
    return guard(this.file, () => {
      if (!wait) this.db.exec('PRAGMA busy_timeout = 0');
      try {
        this.db.exec('BEGIN IMMEDIATE');
      } catch (e) {
        if (!wait && (e as { errcode?: number }).errcode === SQLITE_BUSY) return false;
        throw e;
      } finally {
        if (!wait) this.db.exec(`PRAGMA busy_timeout = ${this.options.busyTimeoutMs ?? 15000}`);
      }
      try {
        f();
        this.db.exec('COMMIT');
        this.createdIds.length = 0;
        return true;
      } catch (e) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        this.forgetCreatedIds();
        throw e;
      }
    });
  }

  /** Names and files created in a transaction that rolled back do not exist: drop them from the caches. */
  private forgetCreatedIds(): void {
    for (const [kind, key] of this.createdIds) {
      if (kind === 'file') this.fileIds.delete(key);
      else {
        const id = this.nameIds.get(key);
        this.nameIds.delete(key);
        if (id !== undefined) this.nameById.delete(id);
      }
    }
    this.createdIds.length = 0;
  }

  /** The ledger-wide change sequence (sync reads rows stamped after its cursor); inside a write transaction. */
  private changeSeq(): number {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'change_seq'").get() as { value: string } | undefined;
    return row ? Number(row.value) : 0;
  }

  private setChangeSeq(seq: number): void {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('change_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(seq));
  }

  /** The id of a session, project, model or version name (created on first use, inside the write transaction). */
  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      let row = this.statement('nameId').get(name) as { id: number } | undefined;
      if (!row) {
        this.statement('newName').run(name);
        row = this.statement('nameId').get(name) as { id: number };
      }
      id = Number(row.id);
      remember(this.nameIds, name, id);
      if (this.db.isTransaction) this.createdIds.push(['name', name]);
    }
    return id;
  }

  private name(id: number): string {
    let name = this.nameById.get(id);
    if (name === undefined) {
      name = String((this.statement('nameOf').get(id) as { name: string } | undefined)?.name ?? '');
      this.nameById.set(id, name);
    }
    return name;
  }

  private fileId(p: string): number {
    let id = this.fileIds.get(p);
    if (id === undefined) {
      this.statement('newFile').run(p);
      id = Number((this.statement('fileId').get(p) as { id: number }).id);
      remember(this.fileIds, p, id);
      if (this.db.isTransaction) this.createdIds.push(['file', p]);
    }
    return id;
  }

  async fileStates(): Promise<Map<string, FileState>> {
    // rows as arrays: half the cost of objects, for the few thousand files every command looks at
    const rows = guard(this.file, () => {
      const st = this.db.prepare(`SELECT ${FILE_COLUMNS} FROM files`);
      st.setReturnArrays(true);
      return st.all();
    }) as unknown as [string, number, number, number, number, number, string, number, number][];
    const out = new Map<string, FileState>();
    for (const [path, dev, ino, size, mtimeMs, offset, headHash, badLines, partialTail] of rows) {
      out.set(path, { path, dev: Number(dev), ino: Number(ino), size: Number(size), mtimeMs: Number(mtimeMs), offset: Number(offset), headHash, badLines: Number(badLines), partialTail: Number(partialTail) === 1 });
    }
    return out;
  }

  // stored with the schema version: a migration that changes what file states mean voids the stamp
  async scanStamp(): Promise<string | null> {
    const row = guard(this.file, () => this.db.prepare("SELECT value FROM meta WHERE key = 'scan_stamp'").get()) as { value: string } | undefined;
    const prefix = `${MIGRATIONS.length} `;
    return row?.value.startsWith(prefix) ? row.value.slice(prefix.length) : null;
  }

  async setScanStamp(stamp: string): Promise<void> {
    guard(this.file, () =>
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('scan_stamp', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(`${MIGRATIONS.length} ${stamp}`),
    );
  }

  async fileState(path: string): Promise<FileState | undefined> {
    const row = guard(this.file, () => this.db.prepare(`SELECT ${FILE_COLUMNS} FROM files WHERE path = ?`).get(path)) as unknown as FileRow | undefined;
    return row ? fromFileRow(row) : undefined;
  }

  /**
   * Ends a first load (see `firstLoad`): copies the log into the ledger file and empties it, still without
   * fsync, then goes back to synchronous = NORMAL for every later commit. The load's writes reach the disk when
   * the OS writes them back (within seconds) or at the next checkpoint's sync, whichever comes first: forcing
   * them here took 180 ms of a 1 GB first run (8% of it) and 240 ms of a 3 GB one. Other connections of the
   * load must be closed.
   */
  finishFirstLoad(): void {
    if (!this.options.firstLoad || !this.db.isOpen) return;
    guard(this.file, () => {
      this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      this.db.exec('PRAGMA synchronous = NORMAL');
    });
  }

  async applyBatch(batch: IngestBatch): Promise<void> {
    this.transaction(() => this.write(batch));
  }

  /** Like applyBatch, but returns false at once, writing nothing, when another process or thread is writing. */
  tryApplyBatch(batch: IngestBatch): boolean {
    return this.transaction(() => this.write(batch), false);
  }

  private write(batch: IngestBatch): void {
    const { pricer } = this.options;
    const upsert = this.statement('upsert');
    const latestCwd = new Map<number, { cwd: string; ts: number }>();
    // quarter-hours whose usage changed: each written record's own, and for a merged row also the one it
    // was in before (an earlier copy moves it), which the upsert keeps in prev_ts (found below by index)
    const quarters = new Set<number>();
    const sessions = new Set<number>(); // the same for sessions
    const first = this.changeSeq();
    let seq = first;
    // in key order: each page of the key index is visited once per batch, not once per request landing on it
    // (order only: JS and SQLite may order non-ASCII keys differently, which costs nothing but locality)
    for (const r of batch.requests.toSorted(byKey)) {
      const c = pricer.cost(r);
      const project = this.nameId(r.project);
      const session = this.nameId(r.sessionId);
      const changed = upsert.run(
        r.key, r.ts, r.tsKnown ? 1 : 0, session, project, this.nameId(r.model),
        r.inputTokens, r.outputTokens, r.cacheCreationTokens, r.cacheCreation1hTokens, r.cacheReadTokens,
        r.webSearchRequests, r.webFetchRequests, r.fast ? 1 : 0, r.geoUs ? 1 : 0, r.agent ? 1 : 0,
        r.version === null ? null : this.nameId(r.version), this.fileId(r.file), c.usd, c.status, ++seq,
      ).changes;
      if (Number(changed) === 0) continue; // a copy that changed nothing
      quarters.add(Math.floor(r.ts / QUARTER_MS));
      sessions.add(session);
      if (r.cwd) {
        const seen = latestCwd.get(project);
        if (!seen || r.ts >= seen.ts) latestCwd.set(project, { cwd: r.cwd, ts: r.ts });
      }
    }
    for (const [project, { cwd, ts }] of latestCwd) this.statement('project').run(project, cwd, ts);
    this.setChangeSeq(seq);
    for (const row of this.statement('movedFrom').all(first) as { prev_ts: number; prev_session: number | null }[]) {
      quarters.add(Math.floor(Number(row.prev_ts) / QUARTER_MS));
      if (row.prev_session !== null) sessions.add(Number(row.prev_session));
    }
    const dirty = this.statement('dirtyQuarter');
    for (const q of quarters) dirty.run(q);
    const dirtySession = this.statement('dirtySession');
    for (const s of sessions) dirtySession.run(s);
    for (const f of batch.files) {
      this.statement('fileState').run(f.path, f.dev, f.ino, f.size, f.mtimeMs, f.offset, f.headHash, f.badLines, f.partialTail ? 1 : 0);
    }
  }

  async rollup(q: RollupQuery): Promise<RollupRow[]> {
    return guard(this.file, () => {
      const range = timeRange(q);
      const whole = q.since === undefined && q.until === undefined && q.session === undefined;
      const summary: Summary =
        q.session === undefined && SUMMARY_GROUPINGS.has(q.groupBy) && this.fromSummary(q)
          ? 'quarter'
          : whole && SESSION_GROUPINGS.has(q.groupBy) && this.sessionSummaryCurrent()
            ? 'session'
            : null;
      if (summary === 'session' && q.groupBy === 'session') return this.sessionCells();
      // two subqueries: SQLite answers a lone min() or max() from the index, but not both in one select
      const where = whereClause(range.where);
      const bounds = this.db
        .prepare(`SELECT (SELECT min(ts) FROM requests ${where}) AS lo, (SELECT max(ts) FROM requests ${where}) AS hi`)
        .get(...range.params, ...range.params) as { lo: number | null; hi: number | null };
      if (bounds.lo === null || bounds.hi === null) return [];
      const session = q.session === undefined ? undefined : this.nameIds.get(q.session) ?? this.lookupName(q.session);
      if (session === null) return [];
      const { sql, params } = rollupSql({ ...q, session: undefined }, bounds.lo, bounds.hi, session, summary);
      // rows as arrays, in the column order of rollupSql: node:sqlite builds an object per row otherwise,
      // which costs more than the query on a few thousand sessions
      const st = this.db.prepare(sql);
      st.setReturnArrays(true);
      const rows = st.all(...params) as unknown as (number | string)[][];
      const out: RollupRow[] = [];
      const projectOf = q.groupBy === 'session' ? this.sessionProjects(q, summary === 'session') : null;
      const byName = keyIsName(q.groupBy);
      // one query instead of one per session or project; calendar rows name only a few models
      if (byName && rows.length > 200) this.loadAllNames();
      const calendar = q.groupBy === 'minute' || q.groupBy === 'hour' || q.groupBy === 'day' || q.groupBy === 'week' || q.groupBy === 'month';
      for (const a of rows) {
        const k = a[0]!;
        const row = this.cell(a, byName ? this.name(Number(k)) : calendar ? calendarKey(q.groupBy, Number(k)) : String(k));
        if (projectOf) row.project = this.name(projectOf.get(Number(k)) ?? -1);
        out.push(row);
      }
      return q.groupBy === 'month' ? foldRows(out) : out.sort(byKeyThenModel);
    });
  }

  /**
   * The whole history by session, straight from usage_session: its key (session, project, model) already
   * makes each row a cell, so a plain scan in key order does without GROUP BY's sort and without a second
   * query for each session's project (that of its earliest row). A session whose rows span two projects
   * (rare) has them merged per model. 5 → 2 ms of SQL and one pass instead of two on 3,500 sessions.
   */
  private sessionCells(): RollupRow[] {
    // the columns of rollupSql, then the project; ordered as the key is, so no sort
    const st = this.db.prepare(
      `SELECT session, model, requests, input, output, cache_write, cache_write_1h, cache_read, web_search, cost,
         first_ts, last_ts, agent_requests, agent_cost, project FROM usage_session ORDER BY session, project, model`,
    );
    st.setReturnArrays(true);
    const rows = st.all() as unknown as number[][];
    if (rows.length > 200) this.loadAllNames();
    const out: RollupRow[] = [];
    let start = 0; // the first cell of the current session in `out`
    let session = NaN;
    let earliest = Infinity;
    let project = '';
    const closeSession = () => {
      for (let k = start; k < out.length; k++) out[k]!.project = project;
    };
    for (const a of rows) {
      const id = Number(a[0]);
      if (id !== session) {
        closeSession();
        session = id;
        start = out.length;
        earliest = Infinity;
      }
      const cell = this.cell(a, this.name(id));
      if (cell.firstTs < earliest) {
        earliest = cell.firstTs;
        project = this.name(Number(a[14]));
      }
      let same: RollupRow | undefined;
      for (let k = start; k < out.length; k++) if (out[k]!.model === cell.model) same = out[k];
      if (same) addCell(same, cell);
      else out.push(cell);
    }
    closeSession();
    return out.sort(byKeyThenModel);
  }

  /** A rollup cell from a row in rollupSql's column order: key, model, the sums, first and last, sub-agents. */
  private cell(a: readonly (number | string)[], key: string): RollupRow {
    return {
      key,
      model: this.name(Number(a[1])),
      requests: Number(a[2]),
      inputTokens: Number(a[3]),
      outputTokens: Number(a[4]),
      cacheCreationTokens: Number(a[5]),
      cacheCreation1hTokens: Number(a[6]),
      cacheReadTokens: Number(a[7]),
      webSearchRequests: Number(a[8]),
      costUSD: Number(a[9]),
      firstTs: Number(a[10]),
      lastTs: Number(a[11]),
      agentRequests: Number(a[12]),
      agentCostUSD: Number(a[13]),
    };
  }

  /**
   * True when usage_quarter is up to date: quarters touched since its last refresh are recomputed first (a
   * write; when another process holds the write lock, false, and the caller reads the requests instead).
   */
  private summaryCurrent(): boolean {
    return this.refreshSummary(QUARTER_SUMMARY);
  }

  /** The same for usage_session. */
  private sessionSummaryCurrent(): boolean {
    return this.refreshSummary(SESSION_SUMMARY);
  }

  private refreshSummary(s: SummaryTable): boolean {
    const count = (table: string) => Number((this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
    const dirty = count(s.dirty);
    if (dirty === 0) return true;
    // after a large ingest most keys changed: one pass over the requests beats a lookup per key
    const all = dirty > s.wholeAbove && dirty * 2 > count(s.table);
    // SQLite's sorter holds up to the page cache's size in memory before it spills to a temporary file: a
    // whole rebuild sorts every request, so it runs with a small cache (3 GB history: 10–15 MB less peak
    // memory, same time)
    if (all) this.db.exec(`PRAGMA cache_size = -${REBUILD_CACHE_KIB}`);
    try {
      return this.transaction(() => {
        this.db.exec(all ? `DELETE FROM ${s.table}` : `DELETE FROM ${s.table} WHERE ${s.key} IN (SELECT ${s.key} FROM ${s.dirty})`);
        this.db.exec(`INSERT INTO ${s.table} SELECT ${s.select} FROM ${all ? 'requests r' : `${s.dirty} d JOIN requests r ON ${s.join}`} ${s.groupBy}`);
        this.db.exec(`DELETE FROM ${s.dirty}`);
      }, false);
    } finally {
      if (all) this.db.exec(`PRAGMA cache_size = -${this.cacheKiB()}`);
    }
  }

  private fromSummary(range: { since?: number | undefined; until?: number | undefined }): boolean {
    return quarterAligned(range) && this.summaryCurrent();
  }

  /** Caches every interned name (a few thousand rows: sessions, projects, models, versions). */
  private loadAllNames(): void {
    const st = this.db.prepare('SELECT id, name FROM names');
    st.setReturnArrays(true);
    for (const [id, name] of st.all() as unknown as [number, string][]) this.nameById.set(Number(id), name);
  }

  private lookupName(name: string): number | null {
    const row = this.statement('nameId').get(name) as { id: number } | undefined;
    return row ? Number(row.id) : null;
  }

  /** Session id → project id of the session's earliest request. */
  private sessionProjects(q: RollupQuery, fromSummary: boolean): Map<number, number> {
    const range = timeRange(q);
    // SQLite takes a bare column of a min() aggregate from the row holding the minimum
    const rows = (
      fromSummary
        ? this.db.prepare('SELECT session, project, min(first_ts) AS first FROM usage_session GROUP BY session').all()
        : this.db.prepare(`SELECT session, project, min(ts) AS first FROM requests ${whereClause(range.where)} GROUP BY session`).all(...range.params)
    ) as { session: number; project: number }[];
    return new Map(rows.map((r) => [Number(r.session), Number(r.project)]));
  }

  async activity(range: { since?: number; until?: number }): Promise<ActivityPoint[]> {
    const r = timeRange(range);
    const rows = guard(this.file, () =>
      this.db
        .prepare(`SELECT ts, session, model, cost, input + cache_write + cache_read AS prompt, agent, fast FROM requests ${whereClause(r.where)} ORDER BY ts`)
        .all(...r.params),
    ) as { ts: number; session: number; model: number; cost: number; prompt: number; agent: number; fast: number }[];
    return rows.map((x) => ({
      ts: Number(x.ts),
      session: this.name(Number(x.session)),
      model: this.name(Number(x.model)),
      costUSD: Number(x.cost),
      promptTokens: Number(x.prompt),
      agent: Number(x.agent) === 1,
      fast: Number(x.fast) === 1,
    }));
  }

  async latestRequests(limit: number): Promise<RecentRequest[]> {
    const rows = guard(this.file, () =>
      this.db
        .prepare('SELECT ts, session, project, model, input, output, cache_write, cache_read, cost, agent FROM requests ORDER BY ts DESC, key DESC LIMIT ?')
        .all(Math.max(0, Math.floor(limit))),
    ) as Record<'ts' | 'session' | 'project' | 'model' | 'input' | 'output' | 'cache_write' | 'cache_read' | 'cost' | 'agent', number>[];
    return rows.map((x) => ({
      ts: Number(x.ts),
      session: this.name(Number(x.session)),
      project: this.name(Number(x.project)),
      model: this.name(Number(x.model)),
      inputTokens: Number(x.input),
      outputTokens: Number(x.output),
      cacheCreationTokens: Number(x.cache_write),
      cacheReadTokens: Number(x.cache_read),
      costUSD: Number(x.cost),
      agent: Number(x.agent) === 1,
    }));
  }

  async pricingIssues(range: { since?: number; until?: number }): Promise<PricingIssue[]> {
    const r = timeRange(range);
    const sql = this.fromSummary(range)
      ? `SELECT model, sum(unpriced) AS n FROM (SELECT q * ${QUARTER_MS} AS ts, * FROM usage_quarter) ${whereClause(['unpriced > 0', ...r.where])} GROUP BY model`
      : `SELECT model, count(*) AS n FROM requests ${whereClause(['price_status != 0', ...r.where])} GROUP BY model`;
    const rows = guard(this.file, () => this.db.prepare(sql).all(...r.params)) as { model: number; n: number }[];
    return rows.map((r) => ({ model: this.name(Number(r.model)), n: Number(r.n) })).sort((a, b) => (a.model < b.model ? -1 : 1)).map(({ model, n }) => {
      const m = this.options.pricer.match(model);
      return { model, kind: m ? 'family' : 'unpriced', pricedAs: m?.card.id ?? null, requests: n };
    });
  }

  async versions(range: { since?: number; until?: number }): Promise<VersionCount[]> {
    const r = timeRange(range);
    const sql = this.fromSummary(range)
      ? `SELECT nullif(version, 0) AS version, sum(requests) AS requests FROM (SELECT q * ${QUARTER_MS} AS ts, * FROM usage_quarter) ${whereClause(r.where)} GROUP BY 1`
      : `SELECT version, count(*) AS requests FROM requests ${whereClause(r.where)} GROUP BY 1`;
    const rows = guard(this.file, () => this.db.prepare(sql).all(...r.params)) as { version: number | null; requests: number }[];
    return rows
      .map((r) => ({ version: r.version === null ? '' : this.name(Number(r.version)), requests: Number(r.requests) }))
      .sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  }

  async projects(): Promise<ProjectInfo[]> {
    const rows = guard(this.file, () => this.db.prepare('SELECT project, cwd FROM projects').all()) as { project: number; cwd: string | null }[];
    return rows.map((r) => ({ project: this.name(Number(r.project)), cwd: r.cwd })).sort((a, b) => (a.project < b.project ? -1 : 1));
  }

  async stats(): Promise<LedgerStats> {
    return guard(this.file, () => {
      // three subqueries: count(*) alone reads the smallest index, min() and max() alone one index entry each;
      // together in one select they scan the table (10 ms against 1 ms on 69k rows)
      const r = this.db
        .prepare('SELECT (SELECT count(*) FROM requests) AS requests, (SELECT min(ts) FROM requests) AS firstTs, (SELECT max(ts) FROM requests) AS lastTs')
        .get() as {
        requests: number;
        firstTs: number | null;
        lastTs: number | null;
      };
      const f = this.db
        .prepare('SELECT count(*) AS files, coalesce(sum(bad_lines), 0) AS badLines, coalesce(sum(partial_tail), 0) AS partialTails, coalesce(sum(size), 0) AS bytes FROM files')
        .get() as { files: number; badLines: number; partialTails: number; bytes: number };
      return { ...r, ...f };
    });
  }

  async recordLimitSnapshots(snapshots: readonly LimitSnapshot[], options: { extendWithinMs?: number } = {}): Promise<void> {
    if (snapshots.length === 0) return;
    const extend = options.extendWithinMs ?? 600_000;
    const last = this.db.prepare('SELECT id, observed_at, used_percent, resets_at, detail FROM limit_snapshots WHERE source = ? AND window = ? ORDER BY observed_at DESC, id DESC LIMIT 1');
    const touch = this.db.prepare('UPDATE limit_snapshots SET observed_at = ?, changed = ? WHERE id = ?');
    const insert = this.db.prepare('INSERT INTO limit_snapshots (first_seen, observed_at, source, window, used_percent, resets_at, detail, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.transaction(() => {
      let seq = this.changeSeq();
      for (const s of snapshots) {
        const detail = s.detail ? JSON.stringify(s.detail) : null;
        const prev = last.get(s.source, s.window) as { id: number; observed_at: number; used_percent: number | null; resets_at: number | null; detail: string | null } | undefined;
        const same =
          prev !== undefined &&
          s.observedAt >= prev.observed_at &&
          s.observedAt - prev.observed_at <= extend &&
          sameNumber(prev.used_percent, s.usedPercent, 1e-9) &&
          sameNumber(prev.resets_at, s.resetsAt, 60_000) &&
          prev.detail === detail;
        if (same) touch.run(s.observedAt, ++seq, prev.id);
        else insert.run(s.observedAt, s.observedAt, s.source, s.window, s.usedPercent, s.resetsAt, detail, ++seq);
      }
      this.setChangeSeq(seq);
    });
  }

  async latestLimitSnapshots(): Promise<StoredLimitSnapshot[]> {
    const rows = guard(this.file, () =>
      this.db.prepare('SELECT *, max(observed_at) FROM limit_snapshots GROUP BY source, window ORDER BY window, source').all(),
    ) as unknown as SnapshotRow[];
    return rows.map(fromSnapshotRow);
  }

  async limitHistory(q: { since?: number; windows?: readonly string[] }): Promise<StoredLimitSnapshot[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.since !== undefined) {
      where.push('observed_at >= ?');
      params.push(q.since);
    }
    if (q.windows) {
      where.push(`window IN (${q.windows.map(() => '?').join(', ') || "''"})`);
      params.push(...q.windows);
    }
    const rows = guard(this.file, () =>
      this.db.prepare(`SELECT * FROM limit_snapshots ${whereClause(where)} ORDER BY observed_at, id`).all(...params),
    ) as unknown as SnapshotRow[];
    return rows.map(fromSnapshotRow);
  }

  async claimAlert(key: string, firedAt: number, detail?: Record<string, unknown>): Promise<boolean> {
    let claimed = false;
    this.transaction(() => {
      const r = this.db.prepare('INSERT INTO alert_state (key, fired_at, detail) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING').run(key, firedAt, detail ? JSON.stringify(detail) : null);
      claimed = Number(r.changes) === 1;
    });
    return claimed;
  }

  async firedAlerts(since: number): Promise<{ key: string; firedAt: number; detail: Record<string, unknown> | null }[]> {
    const rows = guard(this.file, () => this.db.prepare('SELECT key, fired_at, detail FROM alert_state WHERE fired_at >= ? ORDER BY fired_at DESC, key').all(since)) as {
      key: string;
      fired_at: number;
      detail: string | null;
    }[];
    return rows.map((r) => ({ key: r.key, firedAt: Number(r.fired_at), detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}

const FILE_COLUMNS = 'path, dev, ino, size, mtime_ms, offset, head_hash, bad_lines, partial_tail';

interface FileRow {
  path: string;
  dev: number;
  ino: number;
  size: number;
  mtime_ms: number;
  offset: number;
  head_hash: string;
  bad_lines: number;
  partial_tail: number;
}

function fromFileRow(r: FileRow): FileState {
  return {
    path: r.path,
    dev: Number(r.dev),
    ino: Number(r.ino),
    size: Number(r.size),
    mtimeMs: Number(r.mtime_ms),
    offset: Number(r.offset),
    headHash: r.head_hash,
    badLines: Number(r.bad_lines),
    partialTail: Number(r.partial_tail) === 1,
  };
}

interface SnapshotRow {
  first_seen: number;
  observed_at: number;
  source: string;
  window: string;
  used_percent: number | null;
  resets_at: number | null;
  detail: string | null;
}

function fromSnapshotRow(r: SnapshotRow): StoredLimitSnapshot {
  return {
    source: r.source as LimitSource,
    window: r.window,
    firstSeen: Number(r.first_seen),
    observedAt: Number(r.observed_at),
    usedPercent: r.used_percent === null ? null : Number(r.used_percent),
    resetsAt: r.resets_at === null ? null : Number(r.resets_at),
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  };
}

function sameNumber(a: number | null, b: number | null, tolerance: number): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tolerance;
}


/** Merges rows with the same (key, model): months are folded from days. Rows arrive sorted by key. */
function foldRows(rows: RollupRow[]): RollupRow[] {
  const out = new Map<string, RollupRow>();
  for (const r of rows) {
    const id = r.key + '\u0000' + r.model;
    const have = out.get(id);
    if (!have) {
      out.set(id, { ...r });
      continue;
    }
    addCell(have, r);
  }
  return [...out.values()].sort(byKeyThenModel);
}

/** Adds cell `b` (same key and model) into `a`. */
function addCell(a: RollupRow, b: RollupRow): void {
  addUsage(a, b);
  a.agentRequests += b.agentRequests;
  a.agentCostUSD += b.agentCostUSD;
  a.firstTs = Math.min(a.firstTs, b.firstTs);
  a.lastTs = Math.max(a.lastTs, b.lastTs);
}

function byKeyThenModel(a: RollupRow, b: RollupRow): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : 0;
}
