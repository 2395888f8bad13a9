// Schema of the PostgreSQL store (the team server), as an ordered list of migrations. The table
// `ccmeter_migrations` records which have run; opening the store runs the missing ones in one transaction,
// under an advisory lock so two servers starting at once do not race. Never edit a shipped migration:
// append a new one.
import { CcmeterError } from '../../shared/errors.ts';
import { query, type Db } from './connect.ts';

export const MIGRATIONS: readonly string[] = [
  // 1: members, their requests (one row per member and message id), files, projects, limit snapshots, alerts
  `
  CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
  CREATE TABLE members (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    admin boolean NOT NULL DEFAULT false,
    -- sha256 of the secret part of the member's token; null: no token (revoked, or a single-user store)
    token_hash bytea,
    created_at bigint NOT NULL,
    revoked_at bigint
  );
  CREATE TABLE machines (
    member_id integer NOT NULL REFERENCES members (id),
    name text NOT NULL,
    first_sync bigint NOT NULL,
    last_sync bigint NOT NULL,
    -- the subscription the machine's Claude Code login is on (pro, max_5x, max_20x), when it said
    plan text,
    PRIMARY KEY (member_id, name)
  );
  -- No foreign key on member_id: checking one per inserted row costs more than the insert (members are
  -- never deleted, only revoked). Text in the C collation: byte order, compared with memcmp (a libc
  -- locale's strcoll doubles the cost of every index insert).
  CREATE TABLE requests (
    member_id integer NOT NULL,
    key text COLLATE "C" NOT NULL,
    ts bigint NOT NULL,
    ts_known boolean NOT NULL,
    session text COLLATE "C" NOT NULL,
    project text COLLATE "C" NOT NULL,
    model text COLLATE "C" NOT NULL,
    input bigint NOT NULL,
    output bigint NOT NULL,
    cache_write bigint NOT NULL,
    cache_write_1h bigint NOT NULL,
    cache_read bigint NOT NULL,
    web_search bigint NOT NULL,
    web_fetch bigint NOT NULL,
    fast boolean NOT NULL,
    geo_us boolean NOT NULL,
    agent boolean NOT NULL,
    version text COLLATE "C",
    file text COLLATE "C" NOT NULL,
    cost double precision NOT NULL,
    price_status smallint NOT NULL,
    PRIMARY KEY (member_id, key)
  );
  -- rows arrive roughly in time order: a BRIN index finds a time range for almost no cost per insert
  -- (a btree on (member_id, ts) cost ~10% of the sync throughput)
  CREATE INDEX requests_ts ON requests USING brin (ts) WITH (autosummarize = on);
  CREATE TABLE projects (
    member_id integer NOT NULL REFERENCES members (id),
    project text NOT NULL,
    cwd text,
    last_ts bigint NOT NULL,
    PRIMARY KEY (member_id, project)
  );
  CREATE TABLE files (
    member_id integer NOT NULL REFERENCES members (id),
    path text NOT NULL,
    dev double precision NOT NULL,
    ino double precision NOT NULL,
    size bigint NOT NULL,
    mtime_ms double precision NOT NULL,
    "offset" bigint NOT NULL,
    head_hash text NOT NULL,
    bad_lines integer NOT NULL,
    partial_tail boolean NOT NULL,
    PRIMARY KEY (member_id, path)
  );
  CREATE TABLE limit_snapshots (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id integer NOT NULL REFERENCES members (id),
    first_seen bigint NOT NULL,
    observed_at bigint NOT NULL,
    source text NOT NULL,
    limit_window text NOT NULL,
    used_percent double precision,
    resets_at bigint,
    detail text,
    UNIQUE (member_id, source, limit_window, first_seen)
  );
  CREATE INDEX limit_snapshots_time ON limit_snapshots (member_id, observed_at);
  CREATE TABLE alert_state (
    member_id integer NOT NULL REFERENCES members (id),
    key text NOT NULL,
    fired_at bigint NOT NULL,
    detail text,
    PRIMARY KEY (member_id, key)
  );
  `,
];

/** A fixed advisory-lock key for migrations ("ccmeter" in ASCII). */
const MIGRATION_LOCK = 0x63636d6574657200n;

/** Runs the migrations this database has not seen yet; refuses a schema written by a newer ccmeter. */
export async function migrate(db: Db): Promise<void> {
  await db.begin(async (tx) => {
    await query(tx, 'SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await query(tx, 'CREATE TABLE IF NOT EXISTS ccmeter_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const [row] = await query<{ v: number | null }>(tx, 'SELECT max(version) AS v FROM ccmeter_migrations');
    const current = row?.v ?? 0;
    if (current > MIGRATIONS.length) {
      throw new CcmeterError(
        `The database was migrated by a newer ccmeter (schema ${current}, this one knows ${MIGRATIONS.length}).`,
        'Upgrade ccmeter on this machine, or point --db at another database.',
      );
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      await tx.unsafe(MIGRATIONS[v]!);
      await query(tx, 'INSERT INTO ccmeter_migrations (version) VALUES ($1)', [v + 1]);
    }
  });
}
