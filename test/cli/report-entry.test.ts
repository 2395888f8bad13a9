// The launcher runs the usage reports from a lean one-file entry (dist/report.js); the full CLI
// (dist/main.js) defines the same commands. Both must parse, answer, print help and fail alike.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { ccmeter, ROOT, type CliRun } from '../helpers/cli.ts';
import { assistant, tempDir, writeProjects } from '../helpers/fixtures.ts';
import { REPORTS } from '../../src/surfaces/cli/program.ts';

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

test('the launcher sends exactly the report commands to the report entry, and each answers there', (t) => {
  const launcher = readFileSync(path.join(ROOT, 'bin/ccmeter.js'), 'utf8');
  const listed = /const REPORTS = \[([^\]]*)\]/.exec(launcher)?.[1]?.match(/'([a-z]+)'/g)?.map((q) => q.slice(1, -1));
  assert.deepEqual(listed, REPORTS.map(([kind]) => kind));
  const env = setup(t);
  for (const [kind] of REPORTS) {
    const r = ccmeter([kind, '--json'], env);
    assert.equal(r.code, 0, `${kind}: ${r.stderr}`);
    assert.equal((JSON.parse(r.stdout) as { totals: { requests: number } }).totals.requests, 1, kind);
  }
});

test('a report into a full non-blocking pipe arrives whole: the launcher waits for queued output before exiting', async (t) => {
  const dir = tempDir(t);
  const claude = path.join(dir, 'claude');
  const files: Record<string, string[]> = {};
  for (let i = 0; i < 300; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    files[`-home-dev-app/${id}.jsonl`] = [assistant({ id: `msg_${i}`, sessionId: id, ts: '2026-07-18T11:00:00Z', usage: { input_tokens: 10, output_tokens: 20 } })];
  }
  writeProjects(claude, files);
  const env = { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent-home', CCMETER_HOME: path.join(dir, 'home'), CLAUDE_CONFIG_DIR: claude, TZ: 'UTC' };
  const fifo = path.join(dir, 'out.fifo');
  execFileSync('mkfifo', [fifo]);
  // both ends non-blocking: past the pipe's 64 KB the CLI's writes fail with EAGAIN and queue in a stream
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/ccmeter.js'), 'sessions', '--json'], { env, stdio: ['ignore', writer, 'ignore'] });
  closeSync(writer);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise((r) => setTimeout(r, 1500)); // the child fills the pipe and waits
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(65536);
  let code: number | null | undefined;
  void exited.then((c) => (code = c));
  for (;;) {
    let n = 0;
    try {
      n = readSync(reader, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    if (n === 0) break; // every writer closed: the child is done
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  closeSync(reader);
  await exited;
  assert.equal(code, 0);
  const text = Buffer.concat(chunks).toString('utf8');
  assert.ok(text.length > 100_000, `${text.length} bytes: more than the pipe holds`);
  const report = JSON.parse(text) as { rows: unknown[] };
  assert.equal(report.rows.length, 300);
});
