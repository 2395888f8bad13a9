import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { readCredentials } from '../../src/sources/oauth/credentials.ts';
import { decodeUsage } from '../../src/sources/oauth/decode.ts';
import { FORBIDDEN_MESSAGE, UNAUTHORIZED_MESSAGE } from '../../src/sources/oauth/usage-client.ts';
import { tokenHash } from '../../src/sources/oauth/usage-state.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { clock, client, closedBaseUrl, credentialBlob, FLAT_BODY_2026_02_08, FULL_BODY, okCredentials, T0, usageServer, writeCredentials } from './helpers.ts';

const TOKEN = 'sk-ant-oat01-clienttest-0123456789abcdef';
const MIN = 60_000;
const execFileAsync = promisify(execFile);

test('200 → ok with the decoded snapshots; within the interval → cached with no second request; force or a minute later → a new call', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const api = client(t, server, c, TOKEN);
  server.reply({ body: FULL_BODY }, { body: FLAT_BODY_2026_02_08 }, { body: FULL_BODY });

  const first = await api.fetch();
  assert.deepEqual(first, { status: 'ok', snapshots: decodeUsage(FULL_BODY, T0), observedAt: T0, message: 'usage fetched just now', retryAt: null });
  assert.equal(first.snapshots.find((s) => s.window === 'extra_usage')?.detail?.['usedUSD'], 408.43);

  c.t = T0 + 30_000;
  const cached = await api.fetch();
  assert.deepEqual(cached, { status: 'cached', snapshots: decodeUsage(FULL_BODY, T0), observedAt: T0, message: 'usage fetched 30 s ago', retryAt: T0 + MIN });
  assert.equal(server.requests.length, 1);

  const forced = await api.fetch({ force: true });
  assert.deepEqual([forced.status, forced.snapshots, server.requests.length], ['ok', decodeUsage(FLAT_BODY_2026_02_08, T0 + 30_000), 2]);

  c.t = T0 + 30_000 + MIN;
  assert.deepEqual([(await api.fetch()).status, server.requests.length], ['ok', 3]);
});

test('the request: GET /api/oauth/usage with exactly the headers Claude Code sends; UA falls back to claude-code/2.1.0', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const api = client(t, server, c, TOKEN);
  server.reply({ body: FULL_BODY }, { body: FULL_BODY });
  await api.fetch();
  await api.fetch({ force: true, claudeVersion: null });
  const picked = server.requests.map((r) => ({
    method: r.method, url: r.url, authorization: r.headers.authorization, beta: r.headers['anthropic-beta'],
    accept: r.headers.accept, contentType: r.headers['content-type'], userAgent: r.headers['user-agent'],
  }));
  const expected = { method: 'GET', url: '/api/oauth/usage', authorization: `Bearer ${TOKEN}`, beta: 'oauth-2025-04-20', accept: 'application/json', contentType: 'application/json' };
  assert.deepEqual(picked, [{ ...expected, userAgent: 'claude-code/2.1.239' }, { ...expected, userAgent: 'claude-code/2.1.0' }]);
  // The token is in the Authorization header and no other.
  const carriers = server.requests.flatMap((r) => Object.entries(r.headers).filter(([, v]) => String(v).includes(TOKEN)).map(([k]) => k));
  assert.deepEqual(carriers, ['authorization', 'authorization']);
});

test('429 with Retry-After: 120 → cooldown until now+120 s with the last good snapshots; force does not bypass it', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const api = client(t, server, c, TOKEN);
  server.reply({ body: FULL_BODY }, { status: 429, headers: { 'retry-after': '120' }, body: { error: { type: 'rate_limit_error' } } }, { body: FLAT_BODY_2026_02_08 });
  await api.fetch();

  c.t = T0 + MIN;
  const limited = await api.fetch();
  assert.deepEqual({ ...limited, message: '' }, { status: 'cooldown', snapshots: decodeUsage(FULL_BODY, T0), observedAt: T0, message: '', retryAt: T0 + MIN + 120_000 });
  assert.match(limited.message, /HTTP 429/);

  c.t = T0 + MIN + 119_999;
  const forced = await api.fetch({ force: true });
  assert.deepEqual([forced.status, forced.retryAt, forced.snapshots.length, server.requests.length], ['cooldown', T0 + MIN + 120_000, 4, 2]);

  c.t = T0 + MIN + 120_000;
  assert.deepEqual([(await api.fetch()).status, server.requests.length], ['ok', 3]);
});

test('429 with Retry-After 0 or none → 5 min, 10 min on the next consecutive 429; a 200 resets the count; an HTTP date is honoured', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const api = client(t, server, c, TOKEN);
  const at = (ms: number) => new Date(ms).toUTCString();
  server.reply(
    { status: 429, headers: { 'retry-after': '0' } },
    { status: 429 },
    { status: 429, headers: { 'retry-after': '0' } },
    { body: FULL_BODY },
    { status: 429, headers: { 'retry-after': '0' } },
    { status: 429, headers: { 'retry-after': at(T0 + 3_600_000) } },
  );
  const retryAts: Array<number | null> = [];
  const step = async (when: number) => {
    c.t = when;
    retryAts.push((await api.fetch()).retryAt);
  };
  await step(T0);
  await step(T0 + 5 * MIN);
  await step(T0 + 15 * MIN);
  await step(T0 + 35 * MIN); // 200
  await step(T0 + 37 * MIN);
  await step(T0 + 42 * MIN);
  assert.deepEqual(retryAts, [T0 + 5 * MIN, T0 + 15 * MIN, T0 + 35 * MIN, null, T0 + 42 * MIN, T0 + 3_600_000]);
  assert.equal(server.requests.length, 6);
});

test('the backoff doubles up to 6 h and stays there', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const api = client(t, server, c, TOKEN);
  const credentials = okCredentials(TOKEN, T0 + 30 * 86_400_000); // outlives the 20 h this takes
  const waits: number[] = [];
  for (let n = 1; n <= 9; n++) {
    server.reply({ status: 429 });
    const r = await api.fetch({ credentials });
    waits.push((r.retryAt ?? 0) - c.t);
    c.t = r.retryAt ?? 0;
  }
  assert.deepEqual(waits.map((w) => w / MIN), [5, 10, 20, 40, 80, 160, 320, 360, 360]);
});

test('401 → unauthorized, no call with that token for 5 min, a new login lifts it; 403 → forbidden', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const api = client(t, server, c, TOKEN);
  server.reply({ status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'Invalid bearer token' } } });
  const rejected = await api.fetch();
  assert.deepEqual(rejected, { status: 'unauthorized', snapshots: [], observedAt: null, message: UNAUTHORIZED_MESSAGE, retryAt: T0 + 5 * MIN });
  assert.match(rejected.message, /open Claude Code to refresh its login/);

  c.t = T0 + 2 * MIN;
  assert.deepEqual([(await api.fetch({ force: true })).status, server.requests.length], ['unauthorized', 1]);

  server.reply({ status: 403 });
  const other = await api.fetch({ credentials: okCredentials('sk-ant-oat01-setup-token-xyz') });
  assert.deepEqual(other, { status: 'forbidden', snapshots: [], observedAt: null, message: FORBIDDEN_MESSAGE, retryAt: T0 + 2 * MIN + 60 * MIN });
  assert.equal(server.requests.length, 2);

  c.t = T0 + 8 * MIN;
  server.reply({ status: 401 });
  assert.deepEqual([(await api.fetch()).status, server.requests.length], ['unauthorized', 3]);
  c.t = T0 + 13 * MIN;
  server.reply({ body: FULL_BODY });
  assert.deepEqual([(await api.fetch()).status, server.requests.length], ['ok', 4]);
});

test('other statuses, unreachable servers and non-JSON bodies → error with the code and the last good snapshots', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const api = client(t, server, c, TOKEN);
  server.reply({ body: FULL_BODY }, { status: 500, body: { error: 'internal' } }, { status: 200, body: undefined });
  await api.fetch();
  c.t = T0 + MIN;
  assert.deepEqual(await api.fetch(), { status: 'error', snapshots: decodeUsage(FULL_BODY, T0), observedAt: T0, message: 'the usage endpoint answered HTTP 500', retryAt: null });
  c.t = T0 + 2 * MIN;
  assert.deepEqual((await api.fetch()).message, 'the usage endpoint answered HTTP 200 with a body that is not JSON');
  c.t = T0 + 3 * MIN;
  const closed = await api.fetch({ env: { CCMETER_ANTHROPIC_BASE_URL: await closedBaseUrl() } });
  assert.deepEqual([closed.status, closed.message, closed.observedAt], ['error', 'the usage endpoint could not be reached (ECONNREFUSED)', T0]);
  // Within the interval after a failure: cached, saying what the last attempt met.
  c.t = T0 + 3 * MIN + 1_000;
  assert.deepEqual(await api.fetch(), { status: 'cached', snapshots: decodeUsage(FULL_BODY, T0), observedAt: T0, message: 'usage fetched 3 min ago; the last attempt: the usage endpoint could not be reached (ECONNREFUSED)', retryAt: T0 + 4 * MIN });
});

test('two concurrent calls make one request: the other answers from the cache', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const api = client(t, server, c, TOKEN);
  server.reply({ body: FULL_BODY }, { body: FULL_BODY });
  const both = await Promise.all([api.fetch(), api.fetch()]);
  assert.deepEqual(both.map((r) => r.status), ['ok', 'cached']);
  assert.equal(server.requests.length, 1);
  // And a second "process" (its own options, same state folder) sees the first one's result.
  c.t = T0 + 10_000;
  const other = await client(t, server, c, TOKEN, api.stateDir).fetch();
  assert.deepEqual([other.status, other.snapshots, server.requests.length], ['cached', decodeUsage(FULL_BODY, T0), 1]);
});

test('a fresh lock held by another process → cached without a call; a lock older than 30 s is taken over', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const api = client(t, server, c, TOKEN);
  const lock = path.join(api.stateDir, 'oauth-usage.lock');
  writeFileSync(lock, JSON.stringify({ pid: 1, at: T0 - 29_000, nonce: 'other' }));
  const held = await api.fetch();
  assert.deepEqual([held.status, held.message, server.requests.length], ['cached', 'another ccmeter process is fetching usage right now', 0]);
  writeFileSync(lock, JSON.stringify({ pid: 1, at: T0 - 31_000, nonce: 'other' }));
  server.reply({ body: FULL_BODY });
  assert.deepEqual([(await api.fetch()).status, server.requests.length], ['ok', 1]);
  assert.deepEqual(readdirSync(api.stateDir), ['oauth-usage.json']);
});

test('the cache file: mode 0600, atomic (no temp files left), a token hash and never the token', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const stateDir = path.join(tempDir(t), 'nested', 'state');
  const api = client(t, server, c, TOKEN, stateDir);
  server.reply({ status: 429, headers: { 'retry-after': '0' } });
  await api.fetch();
  assert.deepEqual(readdirSync(stateDir), ['oauth-usage.json']);
  const file = path.join(stateDir, 'oauth-usage.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(
    [saved.lastStatus, saved.cooldownUntil, saved.consecutive429, saved.tokenHash, saved.good, saved.lastAttemptAt],
    ['cooldown', T0 + 5 * MIN, 1, tokenHash(TOKEN), null, T0],
  );
  assert.match(saved.tokenHash, /^[0-9a-f]{16}$/);
  assert.doesNotMatch(readFileSync(file, 'utf8'), /clienttest/);
});

test('credentials from files: an expired token makes no request at all; no login → no-credentials', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const home = tempDir(t);
  const env = { HOME: home, CLAUDE_CONFIG_DIR: '~/cc', CCMETER_ANTHROPIC_BASE_URL: server.baseUrl };
  const api = client(t, server, c, TOKEN);
  const missing = await api.fetch({ env, credentials: readCredentials(env, { platform: 'linux' }) });
  assert.deepEqual([missing.status, missing.message], ['no-credentials', `no Claude Code login found (looked in ${path.join(home, 'cc', '.credentials.json')}); log in with \`claude\``]);

  writeCredentials(path.join(home, 'cc'), credentialBlob(TOKEN, T0 - 1));
  const expired = await api.fetch({ env, credentials: readCredentials(env, { platform: 'linux' }) });
  assert.deepEqual(expired, { status: 'expired', snapshots: [], observedAt: null, message: "Claude Code's login has expired: open Claude Code to refresh its login", retryAt: null });

  writeCredentials(path.join(home, 'cc'), credentialBlob(TOKEN, T0 + 3_600_000));
  server.reply({ body: FULL_BODY });
  const fresh = await api.fetch({ env, credentials: readCredentials(env, { platform: 'linux' }) });
  assert.deepEqual([fresh.status, server.requests.length, server.requests[0]?.headers.authorization], ['ok', 1, `Bearer ${TOKEN}`]);
});

test('the keychain path end to end: macOS item read through an injected /usr/bin/security', async (t) => {
  const server = await usageServer(t);
  const c = clock();
  const env = { HOME: '/Users/test', USER: 'test', CLAUDE_CONFIG_DIR: '/Users/test/.claude-work', CCMETER_ANTHROPIC_BASE_URL: server.baseUrl };
  const services: string[] = [];
  const runSecurity = (args: string[]) => (services.push(args[2] ?? ''), credentialBlob(TOKEN, T0 + 3_600_000));
  const credentials = readCredentials(env, { platform: 'darwin', runSecurity, readFile: () => assert.fail('file read') });
  server.reply({ body: FULL_BODY });
  const got = await client(t, server, c, 'unused').fetch({ env, credentials });
  assert.deepEqual([got.status, services, server.requests[0]?.headers.authorization], ['ok', ['Claude Code-credentials-03abf0ee'], `Bearer ${TOKEN}`]);
});

test('the token is only ever sent over https, or plain http to a loopback address', async (t) => {
  const server = await usageServer(t);
  const api = client(t, server, clock(), TOKEN);
  const got = await api.fetch({ env: { CCMETER_ANTHROPIC_BASE_URL: 'http://example.com' } });
  assert.deepEqual([got.status, got.message, server.requests.length], ['error', 'CCMETER_ANTHROPIC_BASE_URL must be an https URL (plain http only on localhost)', 0]);
});

test('separate processes sharing one state folder: one request between them', async (t) => {
  const server = await usageServer(t);
  server.reply({ body: FULL_BODY, delayMs: 500 }, { body: FULL_BODY }, { body: FULL_BODY }, { body: FULL_BODY });
  const stateDir = tempDir(t, 'ccmeter-oauth-procs-');
  const child = path.join(import.meta.dirname, 'fetch-child.ts');
  const run = () => execFileAsync(process.execPath, [child, server.baseUrl, stateDir], { env: { ...process.env, CCMETER_TEST_TOKEN: TOKEN } }).then((r) => r.stdout);
  const statuses = await Promise.all([run(), run(), run(), run()]);
  assert.deepEqual([statuses.sort(), server.requests.length], [['cached', 'cached', 'cached', 'ok'], 1]);
});
