// The local dashboard as a hono app: Host/Origin and token gates on every route, the page and its files,
// the JSON API (the CLI's --json answers), /metrics and /api/events. No runtime adapter here: listen.ts
// puts it on a port, tests call `app.request()`.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppContext } from '../../../app/context.ts';
import { limitsAndBlocks } from '../../../app/limits.ts';
import { CcmeterError, UsageError } from '../../../shared/errors.ts';
import { apiRoutes } from './api.ts';
import { loadAssets, type Asset } from './assets.ts';
import { eventStream } from './events.ts';
import { hostGuard, securityHeaders, tokenGuard } from './guard.ts';
import { LiveLedger } from './live.ts';
import { metricsText } from './metrics.ts';

export interface DashboardOptions {
  /** Opened without an ingest: the dashboard runs its own (live.ts). */
  app: AppContext;
  token: string;
  /** The address and port the server is bound to. */
  host: string;
  port: number;
  now: () => number;
  env: Record<string, string | undefined>;
  /** Narration and unexpected errors (stderr). */
  log: (line: string) => void;
  pollMs?: number;
  debounceMs?: number;
  keepAliveMs?: number;
  /** Where the built page is (default: dist/dashboard of this package). */
  assetsDir?: string;
}

export interface Dashboard {
  app: Hono;
  live: LiveLedger;
  /** Ends event streams, stops watching, waits for an ingest in flight; the ledger stays open. */
  close(): Promise<void>;
}

const DEFAULTS = { pollMs: 30_000, debounceMs: 250, keepAliveMs: 20_000 } satisfies Partial<DashboardOptions>;

/** Host values a browser sends for this server: the bound address, `localhost` and `127.0.0.1`, with the port. */
export function allowedHosts(host: string, port: number): string[] {
  const bound = host.includes(':') ? `[${host}]` : host;
  const names = [...new Set([bound, 'localhost', '127.0.0.1'])];
  return names.flatMap((n) => (port === 80 ? [`${n}:80`, n] : [`${n}:${port}`]));
}

export function createDashboard(options: DashboardOptions): Dashboard {
  const o = { ...DEFAULTS, ...options };
  const live = new LiveLedger(o.app, { pollMs: o.pollMs, debounceMs: o.debounceMs, onError: (e) => o.log(`dashboard: refreshing the ledger failed: ${(e as Error).message}`) });
  let assets: Map<string, Asset> | null = null;
  const asset = (name: string) => (assets ??= loadAssets(o.assetsDir)).get(name);

  const app = new Hono();
  app.use(securityHeaders(), hostGuard({ hosts: allowedHosts(o.host, o.port) }), tokenGuard({ token: o.token, cookie: `ccmeter_dashboard_${o.port}` }));
  app.get('/', (c) => {
    const page = asset('index.html')!;
    return c.body(page.body, 200, { 'content-type': page.type });
  });
  app.get('/assets/:name', (c) => {
    const file = asset(c.req.param('name'));
    if (!file || c.req.param('name') === 'index.html') return c.json({ error: 'not found' }, 404);
    return c.body(file.body, 200, { 'content-type': file.type, 'cache-control': 'no-cache' });
  });
  app.get('/api/events', (c) => eventStream(c, live, o.keepAliveMs));
  app.route('/api', apiRoutes({ app: o.app, live, now: o.now, env: o.env }));
  app.get('/metrics', async (c) => {
    await live.idle();
    const [{ view }, models] = await Promise.all([limitsAndBlocks(o.app.ledger, o.now()), o.app.ledger.rollup({ groupBy: 'model', tz: 'UTC' })]);
    return c.body(metricsText(view, models), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  app.notFound((c) => c.json({ error: `no route ${c.req.path}` }, 404));
  app.onError(function dashboardError(e, c) {
    if (e instanceof HTTPException) return e.getResponse();
    if (e instanceof UsageError) return c.json({ error: e.message, hint: e.hint ?? null }, 400);
    if (e instanceof CcmeterError) return c.json({ error: e.message, hint: e.hint ?? null }, 500);
    o.log(`dashboard: ${c.req.method} ${c.req.path} failed: ${e.stack ?? e.message}`);
    return c.json({ error: 'internal error (details on the server’s stderr)' }, 500);
  });
  live.start();
  return { app, live, close: () => live.close() };
}
