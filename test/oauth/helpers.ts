// A local stand-in for the OAuth usage endpoint (node:http on 127.0.0.1, port 0) serving recorded bodies,
// plus credential files and output capture for the OAuth tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { CredentialsResult } from '../../src/sources/oauth/credentials.ts';
import { fetchUsage, type FetchUsageOptions, type UsageFetchResult } from '../../src/sources/oauth/usage-client.ts';
import { tempDir } from '../helpers/fixtures.ts';

/** The full 200 body of limits.md §2 (Max account with usage credits on, captured 2026-07-18), verbatim. */
export const FULL_BODY = {
  five_hour: { utilization: 15.0, resets_at: '2026-07-19T03:39:59.570750+00:00', limit_dollars: null, used_dollars: null, remaining_dollars: null },
  seven_day: { utilization: 48.0, resets_at: '2026-07-23T14:59:59.570774+00:00', limit_dollars: null, used_dollars: null, remaining_dollars: null },
  seven_day_oauth_apps: null, seven_day_opus: null, seven_day_sonnet: null, seven_day_cowork: null, seven_day_omelette: null,
  tangelo: null, iguana_necktie: null, omelette_promotional: null, nimbus_quill: null, cinder_cove: null, amber_ladder: null,
  extra_usage: { is_enabled: true, monthly_limit: null, used_credits: 40843.0, utilization: null, currency: 'USD', decimal_places: 2, disabled_reason: null, daily: null, weekly: null },
  limits: [
    { kind: 'session', group: 'session', percent: 15, severity: 'normal', resets_at: '2026-07-19T03:39:59.570750+00:00', scope: null, is_active: false },
    { kind: 'weekly_all', group: 'weekly', percent: 48, severity: 'normal', resets_at: '2026-07-23T14:59:59.570774+00:00', scope: null, is_active: false },
    { kind: 'weekly_scoped', group: 'weekly', percent: 81, severity: 'warning', resets_at: '2026-07-23T14:59:59.571131+00:00', scope: { model: { id: null, display_name: 'Fable' }, surface: null }, is_active: true },
  ],
  spend: {
    used: { amount_minor: 40843, currency: 'USD', exponent: 2 }, limit: null, percent: 0, severity: 'normal', enabled: true, disabled_reason: null, cap: null, balance: null, auto_reload: null,
    disclaimer: 'Usage credits cover you when you hit your plan limits. [Learn more](https://support.claude.com/articles/12429409)', can_purchase_credits: false, can_toggle: false,
  },
  member_dashboard_available: false,
};

/**
 * The 2026-02-08 flat shape of limits.md §2. The facts elide `seven_day`'s `resets_at` ("…"); the value here
 * is filled in, on the hour-minus-a-fraction pattern the facts describe.
 */
export const FLAT_BODY_2026_02_08 = {
  five_hour: { utilization: 17.0, resets_at: '2026-02-08T18:59:59.661633+00:00' },
  seven_day: { utilization: 11.0, resets_at: '2026-02-12T14:59:59.661652+00:00' },
  seven_day_oauth_apps: null, seven_day_opus: null, seven_day_sonnet: { utilization: 0.0, resets_at: null }, seven_day_cowork: null, iguana_necktie: null, extra_usage: null,
};

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer this late (server latency, so that concurrent callers overlap). */
  delayMs?: number;
}

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface UsageServer {
  baseUrl: string;
  /** Every request received, in order. */
  requests: Recorded[];
  /** Queue replies; each request takes the next one (a 599 when none is queued). */
  reply(...replies: Reply[]): void;
  /** Replies queued and not yet taken. */
  pending(): number;
}

/** `echoAuth`: put the received Authorization header into every non-200 body, like a careless server. */
export async function usageServer(t: TestContext, opts: { echoAuth?: boolean } = {}): Promise<UsageServer> {
  const queue: Reply[] = [];
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const r = queue.shift() ?? { status: 599, body: { error: 'no reply queued' } };
    const status = r.status ?? 200;
    const body = opts.echoAuth && status !== 200 ? { error: { message: 'echo', authorization: req.headers.authorization } } : r.body;
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json', ...r.headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    }, r.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, requests, reply: (...r) => queue.push(...r), pending: () => queue.length };
}

/** A loopback URL where nothing listens (a port just released). */
export async function closedBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** 2026-07-18 12:00:00Z: the day the full body was captured. */
export const T0 = Date.UTC(2026, 6, 18, 12, 0, 0);

export interface Clock {
  t: number;
  now: () => number;
}

export function clock(t = T0): Clock {
  const c: Clock = { t, now: () => c.t };
  return c;
}

export function okCredentials(accessToken: string, expiresAt: number | null = T0 + 8 * 3_600_000): CredentialsResult {
  return { ok: true, credentials: { accessToken, expiresAt, scopes: ['user:inference', 'user:profile'], subscriptionType: 'max', rateLimitTier: 'default_claude_max_5x', source: 'file' } };
}

/** A client bound to a server, a state folder and a clock; each call may override any option. */
export function client(t: TestContext, server: UsageServer, c: Clock, token: string, stateDir = tempDir(t, 'ccmeter-oauth-state-')) {
  const base: FetchUsageOptions = { env: { CCMETER_ANTHROPIC_BASE_URL: server.baseUrl }, stateDir, now: c.now, credentials: okCredentials(token), claudeVersion: '2.1.239' };
  return { stateDir, fetch: (o: Partial<FetchUsageOptions> = {}): Promise<UsageFetchResult> => fetchUsage({ ...base, ...o }) };
}

/** The credential blob Claude Code writes (plus an MCP entry and an unknown key, to prove non-exclusive parsing). */
export function credentialBlob(accessToken: string, expiresAt: number): string {
  return JSON.stringify({
    claudeAiOauth: {
      accessToken, refreshToken: 'sk-ant-ort01-refresh', expiresAt, refreshTokenExpiresAt: expiresAt + 4 * 86_400_000,
      scopes: ['user:inference', 'user:profile', 'user:sessions:claude_code'], subscriptionType: 'max', rateLimitTier: 'default_claude_max_20x',
    },
    mcpOAuth: { 'server|abc': { accessToken: 'mcp-token' } },
    organizationUuid: '00000000-0000-4000-8000-000000000000',
  });
}

export function writeCredentials(configDir: string, content: string): string {
  mkdirSync(configDir, { recursive: true });
  const file = path.join(configDir, '.credentials.json');
  writeFileSync(file, content, { mode: 0o600 });
  return file;
}

/** Everything written to process.stdout and process.stderr from now until the test ends (still passed through). */
export function captureOutput(t: TestContext): { text: () => string } {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((s) => s.write);
  for (const s of streams) {
    const original = s.write;
    s.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof s.write;
  }
  t.after(() => streams.forEach((s, i) => (s.write = originals[i]!)));
  return { text: () => chunks.join('') };
}
