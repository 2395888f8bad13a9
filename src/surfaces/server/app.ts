// The team server as a hono app over the PostgreSQL store. Tests drive it in-process (`app.request`);
// serve.ts binds it to a port.
//   GET  /api/health          no auth: { ok, version }
//   GET  /api/me              { member, admin }
//   POST /api/sync            a batch from a member's machine (SyncBatch → SyncAccepted)
//   GET  /api/team            TeamReport; /api/team/members { members, totals }; /api/team/projects, /models { rows }
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authenticate } from '../../ledger/postgres/members.ts';
import type { PostgresStore } from '../../ledger/postgres/store.ts';
import { VERSION } from '../../shared/version.ts';
import { memberAuth, type TeamEnv } from './auth.ts';
import { httpError, onError } from './errors.ts';
import { DEFAULT_RATE_LIMIT, rateLimit, type RateLimit } from './rate-limit.ts';
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from './sync-schema.ts';
import { syncHandler } from './sync-route.ts';
import { teamRoutes } from './team-routes.ts';

export interface TeamServerOptions {
  sync?: Partial<SyncLimits>;
  rate?: RateLimit;
  now?: () => number;
  /** Where unexpected errors are logged (default stderr). */
  log?: (line: string) => void;
}

export function teamServerApp(store: PostgresStore, options: TeamServerOptions = {}): Hono<TeamEnv> {
  const limits: SyncLimits = { ...DEFAULT_SYNC_LIMITS, ...options.sync };
  const now = options.now ?? Date.now;
  const app = new Hono<TeamEnv>();
  app.onError(onError(options.log ?? ((line) => process.stderr.write(line + '\n'))));
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.get('/api/health', (c) => c.json({ ok: true, version: VERSION }));
  app.use('/api/*', memberAuth((token) => authenticate(store.db, token)), rateLimit(options.rate ?? DEFAULT_RATE_LIMIT, now));
  app.get('/api/me', (c) => c.json({ member: c.get('member').name, admin: c.get('member').admin }));
  app.post(
    '/api/sync',
    bodyLimit({ maxSize: limits.maxBodyBytes, onError: () => { throw httpError(413, `body too large: at most ${limits.maxBodyBytes} bytes per batch`); } }),
    syncHandler(store, limits, now),
  );
  app.route('/api/team', teamRoutes(store, now));
  return app;
}
