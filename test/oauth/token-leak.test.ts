// The token never appears: every scenario is run with a distinctive token against a server that echoes the
// Authorization header into its error bodies; the token must be in no returned result, no file of the state
// folder, nothing written to stdout/stderr, no thrown error.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readCredentials } from '../../src/sources/oauth/credentials.ts';
import { tempDir } from '../helpers/fixtures.ts';
import type { FetchUsageOptions } from '../../src/sources/oauth/usage-client.ts';
import { captureOutput, clock, client, closedBaseUrl, credentialBlob, FLAT_BODY_2026_02_08, FULL_BODY, okCredentials, T0, usageServer, writeCredentials, type Reply } from './helpers.ts';

const CANARY = 'LEAKCANARY';
const TOKEN = `sk-ant-oat01-${CANARY}-Zq8vR2xK7pW4mN1bT6yH3cJ9dF5gL0sA-${process.pid}`;
const MIN = 60_000;

test('the token appears in no result, state file, output or error, across every scenario', async (t) => {
  const output = captureOutput(t);
  const server = await usageServer(t, { echoAuth: true });
  const root = tempDir(t, 'ccmeter-oauth-leak-');
  const c = clock();
  const seen: unknown[] = [];
  /** Each step advances the clock by `dt`, then calls with the option overrides `o`. */
  const run = async (name: string, replies: Reply[], steps: Array<{ dt?: number; o?: Partial<FetchUsageOptions> }>) => {
    const api = client(t, server, c, TOKEN, path.join(root, name));
    server.reply(...replies);
    for (const s of steps) {
      c.t += s.dt ?? 0;
      seen.push(await api.fetch(s.o));
    }
    assert.equal(server.pending(), 0, `${name}: every queued reply is taken`);
  };

  // Credentials: good file, keychain, env token, malformed/odd blobs holding the token, an error quoting it.
  const home = tempDir(t);
  const cc = path.join(home, '.claude');
  writeCredentials(cc, credentialBlob(TOKEN, T0 + 3_600_000));
  // A successful read holds the token by design: exactly once, as `accessToken`, nowhere else.
  const holders = [
    readCredentials({ HOME: home }, { platform: 'linux' }),
    readCredentials({ HOME: home }, { platform: 'darwin', runSecurity: () => credentialBlob(TOKEN, T0) }),
    readCredentials({ CLAUDE_CODE_OAUTH_TOKEN: TOKEN }, { platform: 'linux' }),
  ].map((r) => JSON.stringify(r));
  assert.deepEqual(holders.map((j) => [j.split(CANARY).length - 1, j.includes(`"accessToken":"${TOKEN}"`)]), [[1, true], [1, true], [1, true]]);
  const failures = [
    `{"claudeAiOauth":{"accessToken":"${TOKEN}"`,
    `${TOKEN}`,
    JSON.stringify({ claudeAiOauth: { accessToken: `${TOKEN} with a space` } }),
    JSON.stringify({ mcpOAuth: { s: { accessToken: TOKEN } } }),
    JSON.stringify([TOKEN]),
  ];
  for (const blob of failures) {
    writeCredentials(cc, blob);
    seen.push(readCredentials({ HOME: home }, { platform: 'linux' }));
    seen.push(readCredentials({ HOME: home }, { platform: 'darwin', runSecurity: () => blob }));
  }
  seen.push(readCredentials({ HOME: home }, { platform: 'linux', readFile: () => { throw Object.assign(new Error(TOKEN), { code: TOKEN }); } }));
  seen.push(readCredentials({ CLAUDE_CODE_OAUTH_TOKEN: `${TOKEN}\r\nX: y` }, { platform: 'linux' }));

  // The endpoint: ok, cached, forced, 429 (Retry-After 120, 0, a date), cooldown, 401, 403, 500, non-JSON, unreachable.
  await run('ok', [{ body: FULL_BODY }, { body: FLAT_BODY_2026_02_08 }], [{}, { dt: 1_000 }, { o: { force: true } }]);
  await run('429', [{ body: FULL_BODY }, { status: 429, headers: { 'retry-after': '120' } }, { status: 429, headers: { 'retry-after': '0' } }, { status: 429, headers: { 'retry-after': new Date(T0 + 86_400_000).toUTCString() } }],
    [{ dt: 2 * MIN }, { dt: MIN }, { dt: MIN, o: { force: true } }, { dt: 2 * MIN }, { dt: 10 * MIN }, { dt: MIN, o: { force: true } }]);
  await run('401', [{ status: 401 }], [{ dt: 20 * MIN }, { dt: MIN, o: { force: true } }]);
  await run('403', [{ status: 403 }], [{ dt: 20 * MIN }, { dt: MIN }]);
  await run('500', [{ body: FULL_BODY }, { status: 500 }, { status: 200, body: undefined }, { status: 302, headers: { location: `http://127.0.0.1:1/${TOKEN}` } }],
    [{ dt: 20 * MIN }, { dt: MIN }, { dt: MIN }, { dt: MIN }, { dt: 1_000 }]);
  await run('unreachable', [], [{ dt: MIN, o: { env: { CCMETER_ANTHROPIC_BASE_URL: await closedBaseUrl() } } }, { dt: MIN, o: { env: { CCMETER_ANTHROPIC_BASE_URL: 'http://example.com' } } }]);
  await run('expired', [], [{ o: { credentials: okCredentials(TOKEN, c.t - 1) } }]);
  await run('no-credentials', [], [{ o: { credentials: readCredentials({ HOME: home }, { platform: 'linux' }) } }]);

  // Concurrency and a lock held by another process.
  const concurrent = client(t, server, c, TOKEN, path.join(root, 'concurrent'));
  server.reply({ body: FULL_BODY });
  seen.push(...(await Promise.all([concurrent.fetch(), concurrent.fetch(), concurrent.fetch()])));
  const locked = client(t, server, c, TOKEN, path.join(root, 'locked'));
  mkdirSync(locked.stateDir, { recursive: true });
  writeFileSync(path.join(locked.stateDir, 'oauth-usage.lock'), JSON.stringify({ pid: 1, at: c.t, nonce: 'x' }));
  seen.push(await locked.fetch());

  // A state folder that cannot be written: the thrown error must not carry the token either.
  const blocked = path.join(root, 'not-a-folder');
  writeFileSync(blocked, '');
  await assert.rejects(client(t, server, c, TOKEN, blocked).fetch(), (err: Error) => !`${err.message}\n${err.stack}\n${String(err.cause)}`.includes(CANARY));

  // Sanity: the scenarios really happened, and the echoing server really received the token.
  assert.equal(server.requests.length, 13); // ok 2, 429 group 4, 401 1, 403 1, 500 group 4, concurrent 1
  assert.equal(server.requests[0]?.headers.authorization, `Bearer ${TOKEN}`);
  const statuses = new Set(seen.map((r) => (r as { status?: string }).status).filter(Boolean));
  assert.deepEqual([...statuses].sort(), ['cached', 'cooldown', 'error', 'expired', 'forbidden', 'no-credentials', 'ok', 'unauthorized']);

  assert.doesNotMatch(JSON.stringify(seen), new RegExp(CANARY));
  const stateFiles = readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
  assert.ok(stateFiles.length >= 8);
  assert.deepEqual(stateFiles.filter((f) => readFileSync(f, 'utf8').includes(CANARY)), []);
  assert.doesNotMatch(output.text(), new RegExp(CANARY));
});
