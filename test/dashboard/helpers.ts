// Dashboard test helpers: a sample history with limit readings at a fixed time, the dashboard over it
// in-process (requests through the hono app object), and the headers a browser on the loopback sends.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import { createInterface } from 'node:readline';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { demoLimitSnapshots, writeDemoHistory } from '../../src/app/demo-history.ts';
import { openApp, pricerFor } from '../../src/app/context.ts';
import { DEFAULT_CONFIG } from '../../src/config/defaults.ts';
import { openSqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { createDashboard, type Dashboard } from '../../src/surfaces/dashboard/server/app.ts';
import { ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';

// the zone reports use by default, as in the CLI runs these tests compare with (set before any Intl use)
process.env['TZ'] = 'Europe/Paris';

export const NOW = '2026-11-20T15:00:00Z';
export const TOKEN = 'test-token-0123456789';
export const PORT = 41234;
export const HOST = `127.0.0.1:${PORT}`;

export type Env = Record<string, string>;

/** The environment of a CLI run (test/helpers/cli.ts) and of the dashboard, over `dir`. */
export function envFor(dir: string): Env {
  return { CLAUDE_CONFIG_DIR: path.join(dir, 'claude'), CCMETER_HOME: path.join(dir, 'home'), CCMETER_NOW: NOW, TZ: 'Europe/Paris', CCMETER_OFFLINE: '1', HOME: '/nonexistent-home' };
}

/** Five weeks of demo history up to NOW, and the demo's official limit readings in the ledger. */
export async function demoHistory(dir: string): Promise<Env> {
  const env = envFor(dir);
  writeDemoHistory(env['CLAUDE_CONFIG_DIR']!, Date.parse(NOW));
  mkdirSync(env['CCMETER_HOME']!, { recursive: true });
  const ledger = openSqliteLedger(path.join(env['CCMETER_HOME']!, 'ledger.db'), { pricer: pricerFor(DEFAULT_CONFIG) });
  await ledger.recordLimitSnapshots(demoLimitSnapshots(Date.parse(NOW)));
  await ledger.close();
  return env;
}

export async function openDashboard(t: TestContext, env: Env, options: { debounceMs?: number; keepAliveMs?: number } = {}): Promise<Dashboard> {
  const app = await openApp(env, { ingest: false });
  const dashboard = createDashboard({ app, token: TOKEN, host: '127.0.0.1', port: PORT, now: () => Date.parse(NOW), env, log: () => {}, pollMs: 60_000, debounceMs: options.debounceMs ?? 50, ...options });
  t.after(async () => {
    await dashboard.close();
    await app.close();
  });
  return dashboard;
}

/** A request as the page makes it: the loopback Host, the token. */
export function get(d: Dashboard, url: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(d.app.request(url, { headers: { host: HOST, authorization: `Bearer ${TOKEN}`, ...headers } }));
}

/** A request with exactly these headers (Host included). */
export function bare(d: Dashboard, url: string, headers: Record<string, string>, method = 'GET'): Promise<Response> {
  return Promise.resolve(d.app.request(url, { method, headers }));
}

export { tempDir };

/** `ccmeter serve …` from the built CLI, once it printed its first line. */
export interface Served {
  child: ChildProcess;
  firstLine: string;
  /** Exit code (null when killed by a signal it did not handle). */
  exited: Promise<number | null>;
}

export async function serve(args: readonly string[], env: Env): Promise<Served> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/ccmeter.js'), 'serve', ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit').then((args) => args[0] as number | null);
  const [firstLine] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { child, firstLine, exited };
}

/** A GET on a real port with exactly these headers (fetch would set Host itself). */
export async function rawGet(port: number, url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, headers, setHost: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}
