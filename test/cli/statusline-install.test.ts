// `ccmeter statusline install` / `uninstall` on a Claude Code settings.json written by the test.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { ccmeter } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';

function setup(t: TestContext, settings: Record<string, unknown> | null) {
  const dir = tempDir(t);
  const claude = path.join(dir, 'claude');
  mkdirSync(path.join(claude, 'projects'), { recursive: true });
  if (settings) writeFileSync(path.join(claude, 'settings.json'), JSON.stringify(settings, null, 4));
  return { dir, claude, env: { CCMETER_HOME: path.join(dir, 'home'), CLAUDE_CONFIG_DIR: claude, NO_COLOR: '1', TZ: 'UTC', CCMETER_OFFLINE: '1' } };
}

const read = (claude: string) => JSON.parse(readFileSync(path.join(claude, 'settings.json'), 'utf8')) as Record<string, unknown>;
const OTHER = { model: 'opus', permissions: { allow: ['Bash(npm test:*)'] }, env: { FOO: 'bar' }, cleanupPeriodDays: 90 };

test('install sets statusLine to this ccmeter by absolute path, keeps every other setting, and backs the file up', (t) => {
  const { claude, env } = setup(t, OTHER);
  const r = ccmeter(['statusline', 'install'], env);
  assert.equal(r.code, 0, r.stderr);
  const after = read(claude);
  const { statusLine, ...rest } = after as { statusLine: { type: string; command: string; refreshInterval: number } };
  assert.deepEqual(rest, OTHER);
  assert.equal(statusLine.type, 'command');
  assert.match(statusLine.command, /^\/\S*node \/\S+\/bin\/ccmeter\.js statusline$/);
  assert.equal(statusLine.refreshInterval, 60);
  const backups = readdirSync(claude).filter((f) => f.startsWith('settings.json.ccmeter-backup-'));
  assert.equal(backups.length, 1);
  assert.deepEqual(JSON.parse(readFileSync(path.join(claude, backups[0]!), 'utf8')), OTHER);
});

test('an existing statusLine is chained: its output stays first in the line; uninstall restores it exactly', (t) => {
  const { claude, env } = setup(t, { ...OTHER, statusLine: { type: 'command', command: `echo "my branch: main"`, padding: 2 } });
  assert.equal(ccmeter(['statusline', 'install'], env).code, 0);
  assert.equal((read(claude)['statusLine'] as { padding: number }).padding, 2);
  const line = ccmeter(['statusline'], env, JSON.stringify({ session_id: 'x' }));
  assert.equal(line.stdout, 'my branch: main │ limits: no data yet · $0.00 session · $0.00 today\n');
  assert.equal(ccmeter(['statusline', 'install'], env).code, 0); // twice: still chains the user's command, not itself
  assert.equal(ccmeter(['statusline'], env, JSON.stringify({ session_id: 'x' })).stdout, 'my branch: main │ limits: no data yet · $0.00 session · $0.00 today\n');
  const r = ccmeter(['statusline', 'uninstall'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(read(claude), { ...OTHER, statusLine: { type: 'command', command: `echo "my branch: main"`, padding: 2 } });
  assert.match(ccmeter(['statusline', 'uninstall'], env).stdout, /nothing changed/);
});

test('uninstall without a previous statusLine removes the key and nothing else', (t) => {
  const { claude, env } = setup(t, OTHER);
  ccmeter(['statusline', 'install'], env);
  ccmeter(['statusline', 'uninstall'], env);
  assert.deepEqual(read(claude), OTHER);
});

test('a settings.json that is not JSON is never rewritten', (t) => {
  const { claude, env } = setup(t, null);
  writeFileSync(path.join(claude, 'settings.json'), '{ "model": "opus", // a comment\n}');
  const r = ccmeter(['statusline', 'install'], env);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /is not valid JSON .* will not rewrite it/);
  assert.equal(readFileSync(path.join(claude, 'settings.json'), 'utf8'), '{ "model": "opus", // a comment\n}');
});

test('install creates settings.json when Claude Code has none yet', (t) => {
  const { claude, env } = setup(t, null);
  assert.equal(ccmeter(['statusline', 'install'], env).code, 0);
  assert.deepEqual(Object.keys(read(claude)), ['statusLine']);
});
