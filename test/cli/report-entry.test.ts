// The launcher runs the usage reports from a lean one-file entry (dist/report.js); the full CLI
// (dist/main.js) defines the same commands. Both must parse, answer, print help and fail alike.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { ccmeter, ROOT, type CliRun } from '../helpers/cli.ts';
import { assistant, tempDir, writeProjects } from '../helpers/fixtures.ts';

function fullCli(args: readonly string[], env: Record<string, string>): CliRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/main.js'), ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent-home', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function setup(t: TestContext): Record<string, string> {
  const dir = tempDir(t);
  const claude = path.join(dir, 'claude');
  writeProjects(claude, {
    '-home-dev-app/11111111-2222-4333-8444-555555555555.jsonl': [
      assistant({ id: 'msg_a', model: 'claude-opus-4-8', ts: '2026-07-18T11:00:00Z', usage: { input_tokens: 1000, output_tokens: 2000 } }),
    ],
  });
  return { CCMETER_HOME: path.join(dir, 'home'), CLAUDE_CONFIG_DIR: claude, TZ: 'UTC', NO_COLOR: '1', CCMETER_NOW: '2026-07-18T12:00:00Z' };
}

test('a report through the launcher answers, helps and fails as the full CLI does', (t) => {
  const env = setup(t);
  const cases: string[][] = [
    ['sessions', '--json'],
    ['daily'],
    ['weekly', '--week-start', 'sunday', '--csv'],
    ['daily', '--help'],
    ['daily', '--bogus'],
    ['weekly', '--week-start', 'someday'],
    ['monthly', '--since', '2026-13-01'],
    ['models', 'extra-argument'],
  ];
  for (const args of cases) {
    const lean = ccmeter(args, env);
    const full = fullCli(args, env);
    assert.deepEqual(lean, full, args.join(' '));
  }
  // and they are real answers, not two identical failures
  const sessions = JSON.parse(ccmeter(['sessions', '--json'], env).stdout) as { rows: { key: string; requests: number }[] };
  assert.deepEqual(sessions.rows.map((r) => [r.key, r.requests]), [['11111111-2222-4333-8444-555555555555', 1]]);
  assert.match(ccmeter(['daily', '--help'], env).stdout, /Usage: ccmeter daily \[options\]/);
  assert.equal(ccmeter(['daily', '--bogus'], env).code, 2);
});
