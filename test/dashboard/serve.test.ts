// `ccmeter serve` on a real port: the first stdout line is the URL with its token, it answers on the
// loopback with the token and the right Host only, `serve --open` reuses it, and SIGTERM/SIGINT end it
// cleanly (exit 0, its state record removed).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ccmeter } from '../helpers/cli.ts';
import { assistant, writeProjects } from '../helpers/fixtures.ts';
import { envFor, rawGet, serve, tempDir } from './helpers.ts';

const URL_LINE = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{20,})$/;

function fixture(dir: string) {
  const env = envFor(dir);
  writeProjects(env['CLAUDE_CONFIG_DIR']!, { 'home-dev-project/s.jsonl': [assistant({ ts: '2026-11-20T10:00:00.000Z' })] });
  return env;
}

test('serve --port 0 prints its URL first, answers on the loopback, and exits 0 on SIGTERM', { timeout: 60_000 }, async (t) => {
  const env = fixture(tempDir(t));
  const server = await serve(['--port', '0'], env);
  t.after(() => server.child.kill('SIGKILL'));
  const [, port, token] = URL_LINE.exec(server.firstLine) ?? [];
  const host = `127.0.0.1:${port}`;
  const record = path.join(env['CCMETER_HOME']!, 'state', 'dashboard.json');
  const daily = await rawGet(Number(port), '/api/daily', { host, authorization: `Bearer ${token}` });
  const cli = ccmeter(['daily', '--json'], env);
  const foreign = await rawGet(Number(port), '/api/daily', { host: `evil.example:${port}`, authorization: `Bearer ${token}` });
  const anonymous = await rawGet(Number(port), '/api/daily', { host });
  const recorded = JSON.parse(readFileSync(record, 'utf8')) as { url: string; pid: number };
  const reopen = ccmeter(['serve', '--open'], { ...env, BROWSER: '/bin/true' });
  server.child.kill('SIGTERM');

  assert.match(server.firstLine, URL_LINE);
  assert.equal(daily.status, 200);
  assert.equal(daily.body, cli.stdout);
  assert.equal(foreign.status, 403);
  assert.equal(anonymous.status, 401);
  assert.deepEqual([recorded.url, recorded.pid], [server.firstLine, server.child.pid]);
  assert.equal(reopen.code, 0);
  assert.equal(reopen.stdout, server.firstLine + '\n');
  assert.equal(await server.exited, 0);
  assert.equal(existsSync(record), false);
});

test('CCMETER_DASHBOARD_TOKEN fixes the token; SIGINT also exits 0', { timeout: 60_000 }, async (t) => {
  const env = { ...fixture(tempDir(t)), CCMETER_DASHBOARD_TOKEN: 'a-fixed-token-for-scripts' };
  const server = await serve(['--port', '0', '--host', '127.0.0.1'], env);
  t.after(() => server.child.kill('SIGKILL'));
  const [, port, token] = URL_LINE.exec(server.firstLine) ?? [];
  const ok = await rawGet(Number(port), '/metrics', { host: `localhost:${port}`, authorization: 'Bearer a-fixed-token-for-scripts' });
  server.child.kill('SIGINT');

  assert.equal(token, 'a-fixed-token-for-scripts');
  assert.equal(ok.status, 200);
  assert.match(ok.body, /^# HELP ccmeter_limit_used_percent /);
  assert.equal(await server.exited, 0);
});

test('serve refuses a port that is not one (usage error, exit 2)', (t) => {
  const r = ccmeter(['serve', '--port', '80000'], envFor(tempDir(t)));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--port 80000: not a port/);
});
