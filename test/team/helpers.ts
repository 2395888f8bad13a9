// Team-server test rig: a team server app over a fresh PostgreSQL schema, machines (a temporary
// CCMETER_HOME and Claude log folder each), and totals on both sides.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { openApp, type AppContext } from '../../src/app/context.ts';
import { syncOnce, type SyncBatch, type SyncTarget } from '../../src/app/sync.ts';
import type { RequestRecord } from '../../src/ledger/request.ts';
import type { SyncedRequest } from '../../src/ledger/sqlite/sync-log.ts';
import { addMember } from '../../src/ledger/postgres/members.ts';
import { PostgresLedger } from '../../src/ledger/postgres/postgres-ledger.ts';
import { PostgresStore } from '../../src/ledger/postgres/store.ts';
import { addUsage, zeroUsage, type Usage } from '../../src/model/usage.ts';
import { teamServerApp, type TeamServerOptions } from '../../src/surfaces/server/app.ts';
import { tempDir, writeProjects } from '../helpers/fixtures.ts';
import { newLedger, ingestEnv, pricer, totals } from '../helpers/ledger.ts';
import { freshDatabase } from '../helpers/postgres.ts';
import { record } from '../ledger/contract.ts';

export interface Rig {
  url: string;
  store: PostgresStore;
  app: ReturnType<typeof teamServerApp>;
  /** Adds a member; returns the token. */
  member(name: string, admin?: boolean): Promise<string>;
  /** A sync target that reaches the app in-process. */
  target(token: string, over?: Partial<SyncTarget>): SyncTarget;
  /** GET (or POST a JSON body) through the app with a token. */
  call(path: string, token: string | null, body?: unknown): Promise<Response>;
}

export async function teamRig(t: TestContext, options: TeamServerOptions = {}): Promise<Rig> {
  let store: PostgresStore | undefined;
  const url = await freshDatabase(t, async () => store?.close());
  store = await PostgresStore.open(url, { pricer, max: 4 });
  const app = teamServerApp(store, options);
  const s = store;
  return {
    url,
    store: s,
    app,
    member: async (name, admin = false) => (await addMember(s.db, name, admin, Date.now())).token,
    target: (token, over = {}) => ({ url: 'http://team.test', token, machine: 'test-machine', fetch: async (u, init) => app.request(u, init), ...over }),
    call: async (p, token, body) =>
      app.request(p, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
  };
}

/** A machine: Claude logs written from `files` (writeProjects layout), ingested into its own ledger. */
export async function machine(t: TestContext, files: Parameters<typeof writeProjects>[1]): Promise<AppContext & { claude: string }> {
  const dir = tempDir(t, 'ccmeter-machine-');
  const claude = path.join(dir, 'claude');
  mkdirSync(claude, { recursive: true });
  writeProjects(claude, files);
  const app = await openApp({ CCMETER_HOME: path.join(dir, 'home'), CLAUDE_CONFIG_DIR: claude, HOME: dir, TZ: 'UTC' });
  t.after(() => app.close());
  return { ...app, claude };
}

/** Opens the machine's ledger again (reads new log bytes), as the next command would. */
export async function reopen(t: TestContext, m: AppContext): Promise<AppContext> {
  const app = await openApp(m.env);
  t.after(() => app.close());
  return app;
}

export const sync = syncOnce;

/** Totals over every member (admin scope) or one member on the server. */
export async function serverTotals(store: PostgresStore, memberId: number | 'all' = 'all'): Promise<Usage> {
  const ledger = new PostgresLedger(store.db, store.pricer, 0, memberId === 'all' ? 'all' : [memberId]);
  const sum = zeroUsage();
  for (const r of await ledger.rollup({ groupBy: 'all', tz: 'UTC' })) addUsage(sum, r);
  return sum;
}

/** What one ledger ingesting every machine's logs holds: the deduplicated union. */
export async function unionTotals(t: TestContext, claudeDirs: readonly string[]): Promise<Usage> {
  const ledger = newLedger(t);
  await ingestEnv(ledger, { CLAUDE_CONFIG_DIR: claudeDirs.join(',') });
  return totals(ledger);
}

export const localTotals = async (app: AppContext): Promise<Usage> => {
  const sum = zeroUsage();
  for (const r of await app.ledger.rollup({ groupBy: 'all', tz: 'UTC' })) addUsage(sum, r);
  return sum;
};

/** A request as a machine pushes it (contract.ts `record` without the local file path). */
export function pushed(over: Partial<RequestRecord> = {}): SyncedRequest {
  const { file: _file, ...r } = record(over);
  return r;
}

/** A sync batch body. */
export function batch(requests: SyncedRequest[], limits: SyncBatch['limits'] = []): SyncBatch {
  return { machine: 'laptop', requests, limits };
}
