// The ledger in one SQLite file through node:sqlite (no native addon). WAL mode, so readers never wait for
// the writer; writes in BEGIN IMMEDIATE transactions with a busy timeout, and every write an idempotent
// max/min upsert, so two ccmeter processes at once neither corrupt nor double count.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Pricer } from '../../pricing/cost.ts';
import { fingerprint } from '../../pricing/price-table.ts';
import { LedgerCorruptError } from '../../shared/errors.ts';
import type {
  FileState,
  IngestBatch,
  Ledger,
  LedgerStats,
  PricingIssue,
  ProjectInfo,
  RollupQuery,
  RollupRow,
  VersionCount,
} from '../ledger.ts';
import { MIGRATIONS } from './migrations.ts';
import { calendarKey, rollupSql, timeRange, whereClause } from './rollup-sql.ts';

export interface SqliteLedgerOptions {
  pricer: Pricer;
  /** Milliseconds to wait for another process's write transaction. */
  busyTimeoutMs?: number;
}

const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

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
  'key, ts, ts_known, session, project, model, input, output, cache_write, cache_write_1h, cache_read, web_search, web_fetch, fast, geo_us, agent, version, file, cost, price_status';
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
    price_status = ccm_price_status(iif(${EARLIER}, excluded.model, model))
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

export class SqliteLedger implements Ledger {
  private readonly fileIds = new Map<string, number>();
  private readonly nameIds = new Map<string, number>();
  private readonly nameById = new Map<number, string>();
  private readonly stmt: {
    upsert: StatementSync;
    fileId: StatementSync;
    newFile: StatementSync;
    fileState: StatementSync;
    project: StatementSync;
    nameId: StatementSync;
    newName: StatementSync;
    nameOf: StatementSync;
  };

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
    db.exec('PRAGMA mmap_size = 268435456');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA cache_size = -32768');
    db.exec('PRAGMA temp_store = MEMORY');
    this.registerFunctions();
    this.migrate();
    this.stmt = {
      upsert: db.prepare(UPSERT),
      fileId: db.prepare('SELECT id FROM files WHERE path = ?'),
      newFile: db.prepare('INSERT INTO files (path) VALUES (?) ON CONFLICT (path) DO NOTHING'),
      fileState: db.prepare(FILE_STATE),
      project: db.prepare(PROJECT),
      nameId: db.prepare('SELECT id FROM names WHERE name = ?'),
      newName: db.prepare('INSERT INTO names (name) VALUES (?) ON CONFLICT (name) DO NOTHING'),
      nameOf: db.prepare('SELECT name FROM names WHERE id = ?'),
    };
    this.repriceIfNeeded();
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
    this.db.function('ccm_price_status', { deterministic: true }, (model) => pricer.cost({ ...ZERO_USAGE, model: this.name(Number(model)) }).status);
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
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('price_fingerprint', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(want);
    });
  }

  private transaction(f: () => void): void {
    guard(this.file, () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        f();
        this.db.exec('COMMIT');
      } catch (e) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    });
  }

  /** The id of a session, project, model or version name (created on first use, inside the write transaction). */
  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      let row = this.stmt.nameId.get(name) as { id: number } | undefined;
      if (!row) {
        this.stmt.newName.run(name);
        row = this.stmt.nameId.get(name) as { id: number };
      }
      id = Number(row.id);
      this.nameIds.set(name, id);
      this.nameById.set(id, name);
    }
    return id;
  }

  private name(id: number): string {
    let name = this.nameById.get(id);
    if (name === undefined) {
      name = String((this.stmt.nameOf.get(id) as { name: string } | undefined)?.name ?? '');
      this.nameById.set(id, name);
    }
    return name;
  }

  private fileId(p: string): number {
    let id = this.fileIds.get(p);
    if (id === undefined) {
      this.stmt.newFile.run(p);
      id = Number((this.stmt.fileId.get(p) as { id: number }).id);
      this.fileIds.set(p, id);
    }
    return id;
  }

  async fileStates(): Promise<Map<string, FileState>> {
    const rows = guard(this.file, () => this.db.prepare('SELECT * FROM files').all()) as Record<string, number | string>[];
    const out = new Map<string, FileState>();
    for (const r of rows) {
      out.set(String(r['path']), {
        path: String(r['path']),
        dev: Number(r['dev']),
        ino: Number(r['ino']),
        size: Number(r['size']),
        mtimeMs: Number(r['mtime_ms']),
        offset: Number(r['offset']),
        headHash: String(r['head_hash']),
        badLines: Number(r['bad_lines']),
        partialTail: Number(r['partial_tail']) === 1,
      });
    }
    return out;
  }

  async applyBatch(batch: IngestBatch): Promise<void> {
    const { pricer } = this.options;
    this.transaction(() => {
      const upsert = this.stmt.upsert;
      const latestCwd = new Map<number, { cwd: string; ts: number }>();
      for (const r of batch.requests) {
        const c = pricer.cost(r);
        const project = this.nameId(r.project);
        upsert.run(
          r.key, r.ts, r.tsKnown ? 1 : 0, this.nameId(r.sessionId), project, this.nameId(r.model),
          r.inputTokens, r.outputTokens, r.cacheCreationTokens, r.cacheCreation1hTokens, r.cacheReadTokens,
          r.webSearchRequests, r.webFetchRequests, r.fast ? 1 : 0, r.geoUs ? 1 : 0, r.agent ? 1 : 0,
          r.version === null ? null : this.nameId(r.version), this.fileId(r.file), c.usd, c.status,
        );
        if (r.cwd) {
          const seen = latestCwd.get(project);
          if (!seen || r.ts >= seen.ts) latestCwd.set(project, { cwd: r.cwd, ts: r.ts });
        }
      }
      for (const [project, { cwd, ts }] of latestCwd) this.stmt.project.run(project, cwd, ts);
      for (const f of batch.files) {
        this.stmt.fileState.run(f.path, f.dev, f.ino, f.size, f.mtimeMs, f.offset, f.headHash, f.badLines, f.partialTail ? 1 : 0);
      }
    });
  }

  async rollup(q: RollupQuery): Promise<RollupRow[]> {
    return guard(this.file, () => {
      const range = timeRange(q);
      const bounds = this.db.prepare(`SELECT min(ts) AS lo, max(ts) AS hi FROM requests ${whereClause(range.where)}`).get(...range.params) as {
        lo: number | null;
        hi: number | null;
      };
      if (bounds.lo === null || bounds.hi === null) return [];
      const session = q.session === undefined ? undefined : this.nameIds.get(q.session) ?? this.lookupName(q.session);
      if (session === null) return [];
      const { sql, params } = rollupSql({ ...q, session: undefined }, bounds.lo, bounds.hi, session);
      const rows = this.db.prepare(sql).all(...params) as unknown as (Omit<RollupRow, 'model'> & { model: number; keyId?: number })[];
      const out: RollupRow[] = [];
      const projectOf = q.groupBy === 'session' ? this.sessionProjects(q) : null;
      const calendar = q.groupBy === 'hour' || q.groupBy === 'day' || q.groupBy === 'week' || q.groupBy === 'month';
      for (const r of rows) {
        const { keyId, ...rest } = r;
        const key = keyId !== undefined ? this.name(keyId) : calendar ? calendarKey(q.groupBy, Number(r.key)) : String(r.key);
        const row: RollupRow = { ...rest, key, model: this.name(r.model) };
        if (projectOf && keyId !== undefined) row.project = this.name(projectOf.get(keyId) ?? -1);
        out.push(row);
      }
      return q.groupBy === 'month' ? foldRows(out) : out;
    });
  }

  private lookupName(name: string): number | null {
    const row = this.stmt.nameId.get(name) as { id: number } | undefined;
    return row ? Number(row.id) : null;
  }

  /** Session id → project id of the session's earliest request. */
  private sessionProjects(q: RollupQuery): Map<number, number> {
    const range = timeRange(q);
    const rows = this.db
      .prepare(`SELECT session, project, min(ts) AS first FROM requests ${whereClause(range.where)} GROUP BY session`)
      .all(...range.params) as { session: number; project: number }[];
    return new Map(rows.map((r) => [Number(r.session), Number(r.project)]));
  }

  async pricingIssues(range: { since?: number; until?: number }): Promise<PricingIssue[]> {
    const r = timeRange(range);
    const rows = guard(this.file, () =>
      this.db.prepare(`SELECT model, count(*) AS n FROM requests ${whereClause(['price_status != 0', ...r.where])} GROUP BY model`).all(...r.params),
    ) as { model: number; n: number }[];
    return rows.map((r) => ({ model: this.name(Number(r.model)), n: Number(r.n) })).sort((a, b) => (a.model < b.model ? -1 : 1)).map(({ model, n }) => {
      const m = this.options.pricer.match(model);
      return { model, kind: m ? 'family' : 'unpriced', pricedAs: m?.card.id ?? null, requests: n };
    });
  }

  async versions(range: { since?: number; until?: number }): Promise<VersionCount[]> {
    const r = timeRange(range);
    const rows = guard(this.file, () =>
      this.db.prepare(`SELECT version, count(*) AS requests FROM requests ${whereClause(r.where)} GROUP BY 1`).all(...r.params),
    ) as { version: number | null; requests: number }[];
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
      const r = this.db.prepare('SELECT count(*) AS requests, min(ts) AS firstTs, max(ts) AS lastTs FROM requests').get() as {
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

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}

const ZERO_USAGE = {
  ts: 0,
  fast: false,
  geoUs: false,
  inputTokens: 0,
  outputTokens: 0,
  cacheCreationTokens: 0,
  cacheCreation1hTokens: 0,
  cacheReadTokens: 0,
  webSearchRequests: 0,
};

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
    have.requests += r.requests;
    have.inputTokens += r.inputTokens;
    have.outputTokens += r.outputTokens;
    have.cacheCreationTokens += r.cacheCreationTokens;
    have.cacheCreation1hTokens += r.cacheCreation1hTokens;
    have.cacheReadTokens += r.cacheReadTokens;
    have.webSearchRequests += r.webSearchRequests;
    have.costUSD += r.costUSD;
    have.agentRequests += r.agentRequests;
    have.agentCostUSD += r.agentCostUSD;
    have.firstTs = Math.min(have.firstTs, r.firstTs);
    have.lastTs = Math.max(have.lastTs, r.lastTs);
  }
  return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}
