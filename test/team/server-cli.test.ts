// The real thing on a real port: `ccmeter server` prints its URL first and stops cleanly on SIGTERM;
// `server add-member` prints a token once; `sync` and `team --json` use it; `server revoke` ends it.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { test } from 'node:test';
import type { TeamReport } from '../../src/app/team.ts';
import { ccmeter, ROOT } from '../helpers/cli.ts';
import { assistant, tempDir, writeProjects } from '../helpers/fixtures.ts';
import { freshDatabase, noPostgres } from '../helpers/postgres.ts';

function startServer(env: Record<string, string>): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/ccmeter.js'), 'server', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.setEncoding('utf8');
  const url = new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n');
      if (line.length > 1) resolve(line[0]!);
    });
  });
  return { child, url };
}

test('server, add-member, sync, team and revoke through the CLI, on a real port', { skip: noPostgres }, async (t) => {
  const db = await freshDatabase(t);
  const dir = tempDir(t);
  const claude = writeProjects(path.join(dir, 'claude'), { 'proj/s.jsonl': [assistant({ id: 'msg_1' }), assistant({ id: 'msg_2', ts: '2026-01-15T11:00:00.000Z' })] });
  const env = { PATH: process.env['PATH'] ?? '', HOME: dir, CCMETER_HOME: path.join(dir, 'home'), CLAUDE_CONFIG_DIR: claude, CCMETER_DATABASE_URL: db, TZ: 'UTC', NO_COLOR: '1' };

  const added = ccmeter(['server', 'add-member', 'alice', '--admin'], env);
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /^ccm_\d+_[\w-]{43}\n$/);
  const token = added.stdout.trim();

  const server = startServer(env);
  t.after(() => server.child.kill('SIGKILL'));
  const url = await server.url;
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal((await fetch(`${url}/api/team`)).status, 401);

  const synced = ccmeter(['sync', '--json'], { ...env, CCMETER_SYNC_URL: url, CCMETER_SYNC_TOKEN: token });
  assert.equal(synced.code, 0, synced.stderr);
  assert.deepEqual(JSON.parse(synced.stdout), { server: url, batches: 1, requests: 2, limits: 0 });

  const team = ccmeter(['team', '--server', url, '--token', token, '--json'], env);
  assert.equal(team.code, 0, team.stderr);
  const report = JSON.parse(team.stdout) as TeamReport;
  assert.deepEqual([report.members.map((m) => [m.member, m.requests]), report.totals.requests], [[['alice', 2]], 2]);
  assert.match(report.members[0]!.recommendation?.option ?? '', /^(api|pro|max_5x|max_20x)$/);
  const table = ccmeter(['team', '--server', url, '--token', token, '--no-plans'], { ...env, COLUMNS: '120' });
  assert.match(table.stdout, /alice \(admin\) │ +2 │/);

  assert.equal(ccmeter(['server', 'revoke', 'alice'], env).code, 0);
  const refused = ccmeter(['team', '--server', url, '--token', token], env);
  assert.deepEqual([refused.code, refused.stderr.split('\n')[0]], [1, 'error: The team server answered 401: invalid or revoked token']);

  server.child.kill('SIGTERM');
  const [code] = await once(server.child, 'exit');
  assert.equal(code, 0);
});
