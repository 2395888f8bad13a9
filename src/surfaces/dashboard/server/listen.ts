// Puts the dashboard on a port: opens the app (ledger, config, prices) without an ingest, listens (port 0:
// a free one), then builds the hono app for the address actually bound.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { openApp, type AppEnv } from '../../../app/context.ts';
import { CcmeterError } from '../../../shared/errors.ts';
import { createDashboard, type Dashboard } from './app.ts';

export interface ListenOptions {
  host: string;
  port: number;
  /** `CCMETER_DASHBOARD_TOKEN`, else a fresh random one. */
  token?: string | undefined;
  appEnv: AppEnv;
  env: Record<string, string | undefined>;
  now: () => number;
  log: (line: string) => void;
}

export interface RunningDashboard {
  url: string;
  port: number;
  /** Ends event streams and connections, stops watching, closes the ledger. */
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function dashboardUrl(host: string, port: number, token: string): string {
  const name = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}/?token=${encodeURIComponent(token)}`;
}

export async function listen(o: ListenOptions): Promise<RunningDashboard> {
  const app = await openApp(o.appEnv, { ingest: false });
  const token = o.token || newToken();
  let dashboard: Dashboard | null = null;
  const server = createAdaptorServer({ fetch: (req, bindings) => dashboard!.app.fetch(req, bindings) }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => resolve());
    });
  } catch (e) {
    await app.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CcmeterError(`Port ${o.port} on ${o.host} is in use.`, 'Pick another with --port, or --port 0 for a free one.', { cause: e });
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES') throw new CcmeterError(`Cannot listen on ${o.host}:${o.port} (${code}).`, 'Use --host 127.0.0.1 and a port above 1023.', { cause: e });
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  dashboard = createDashboard({ app, token, host: o.host, port, now: o.now, env: o.env, log: o.log });
  const running = dashboard;
  return {
    url: dashboardUrl(o.host, port, token),
    port,
    close: async () => {
      await running.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await app.close();
    },
  };
}
