// Schema of the SQLite ledger, as an ordered list of migrations. `PRAGMA user_version` holds how many
// have run; opening a ledger runs the missing ones in one transaction. Never edit a shipped migration:
// append a new one.

export const MIGRATIONS: readonly string[] = [
  // 1: requests, the files they came from, project names
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    dev INTEGER NOT NULL DEFAULT 0,
    ino INTEGER NOT NULL DEFAULT 0,
    size INTEGER NOT NULL DEFAULT 0,
    mtime_ms INTEGER NOT NULL DEFAULT 0,
    offset INTEGER NOT NULL DEFAULT 0,
    head_hash TEXT NOT NULL DEFAULT '',
    bad_lines INTEGER NOT NULL DEFAULT 0,
    partial_tail INTEGER NOT NULL DEFAULT 0
  );
  -- sessions, projects, models and versions repeat on every row: stored once here, by id in requests
  CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE requests (
    key TEXT PRIMARY KEY,
    ts INTEGER NOT NULL,
    ts_known INTEGER NOT NULL,
    session INTEGER NOT NULL,
    project INTEGER NOT NULL,
    model INTEGER NOT NULL,
    input INTEGER NOT NULL,
    output INTEGER NOT NULL,
    cache_write INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    cache_read INTEGER NOT NULL,
    web_search INTEGER NOT NULL,
    web_fetch INTEGER NOT NULL,
    fast INTEGER NOT NULL,
    geo_us INTEGER NOT NULL,
    agent INTEGER NOT NULL,
    version INTEGER,
    file INTEGER NOT NULL,
    cost REAL NOT NULL,
    price_status INTEGER NOT NULL
  );
  CREATE INDEX requests_ts ON requests (ts);
  CREATE INDEX requests_session ON requests (session);
  CREATE TABLE projects (project INTEGER PRIMARY KEY, cwd TEXT, last_ts INTEGER NOT NULL);
  `,
  // 2: official limit observations (statusLine `rate_limits`, the OAuth usage endpoint) and alert state
  `
  CREATE TABLE limit_snapshots (
    id INTEGER PRIMARY KEY,
    first_seen INTEGER NOT NULL,
    observed_at INTEGER NOT NULL,
    source TEXT NOT NULL,
    window TEXT NOT NULL,
    used_percent REAL,
    resets_at INTEGER,
    detail TEXT
  );
  CREATE INDEX limit_snapshots_window ON limit_snapshots (source, window, id);
  CREATE INDEX limit_snapshots_time ON limit_snapshots (observed_at);
  CREATE TABLE alert_state (key TEXT PRIMARY KEY, fired_at INTEGER NOT NULL, detail TEXT) WITHOUT ROWID;
  `,
  // 3: usage per UTC quarter-hour, model and Claude Code version, kept current for the quarters that changed:
  // calendar reports read it instead of every request (a warm report costs the same on any history size).
  // Quarter-hours because every time zone's offset is a multiple of 15 minutes. No triggers: a trigger on
  // requests makes SQLite's upsert three times slower; writers mark quarters themselves, learning a merged
  // row's previous time from \`prev_ts\` (set by the upsert; merged rows are found by a partial index).
  `
  CREATE TABLE usage_quarter (
    q INTEGER NOT NULL,
    model INTEGER NOT NULL,
    version INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    input INTEGER NOT NULL,
    output INTEGER NOT NULL,
    cache_write INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    cache_read INTEGER NOT NULL,
    web_search INTEGER NOT NULL,
    cost REAL NOT NULL,
    agent_requests INTEGER NOT NULL,
    agent_cost REAL NOT NULL,
    unpriced INTEGER NOT NULL,
    first_ts INTEGER NOT NULL,
    last_ts INTEGER NOT NULL,
    PRIMARY KEY (q, model, version)
  ) WITHOUT ROWID;
  CREATE TABLE dirty_quarters (q INTEGER PRIMARY KEY);
  ALTER TABLE requests ADD COLUMN prev_ts INTEGER;
  INSERT OR IGNORE INTO dirty_quarters SELECT DISTINCT ts / 900000 FROM requests;
  `,
  // 4: what \`ccmeter sync\` has not pushed yet: every write stamps the rows it inserts or changes with the
  // next number of one ledger-wide sequence (meta 'change_seq'); each sync target keeps the last number the
  // server has stored. Existing rows get numbers in insertion order.
  `
  ALTER TABLE requests ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE limit_snapshots ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
  UPDATE requests SET changed = rowid;
  UPDATE limit_snapshots SET changed = (SELECT coalesce(max(rowid), 0) FROM requests) + id;
  INSERT INTO meta (key, value) VALUES ('change_seq', (SELECT coalesce(max(changed), 0) FROM (SELECT changed FROM requests UNION ALL SELECT changed FROM limit_snapshots)))
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
  CREATE TABLE sync_cursors (target TEXT PRIMARY KEY, requests INTEGER NOT NULL, limits INTEGER NOT NULL) WITHOUT ROWID;
  -- only merged rows (prev_ts set) are indexed: a writer finds the quarters they left at no cost to inserts
  CREATE INDEX requests_merged ON requests (changed) WHERE prev_ts IS NOT NULL;
  `,
  // 5: usage per session, project and model, kept current for the sessions that changed, as usage_quarter is
  // for the calendar: \`sessions\` and \`projects\` over the whole history read it instead of every request.
  // A merged row may move to another session (an earlier copy brings its attribution): the upsert keeps the
  // session it left in \`prev_session\`.
  `
  CREATE TABLE usage_session (
    session INTEGER NOT NULL,
    project INTEGER NOT NULL,
    model INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    input INTEGER NOT NULL,
    output INTEGER NOT NULL,
    cache_write INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    cache_read INTEGER NOT NULL,
    web_search INTEGER NOT NULL,
    cost REAL NOT NULL,
    agent_requests INTEGER NOT NULL,
    agent_cost REAL NOT NULL,
    first_ts INTEGER NOT NULL,
    last_ts INTEGER NOT NULL,
    PRIMARY KEY (session, project, model)
  ) WITHOUT ROWID;
  CREATE TABLE dirty_sessions (session INTEGER PRIMARY KEY);
  ALTER TABLE requests ADD COLUMN prev_session INTEGER;
  INSERT OR IGNORE INTO dirty_sessions SELECT DISTINCT session FROM requests;
  `,
];
