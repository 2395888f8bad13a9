// The daemon as a user runs it: the built CLI in a child process (asynchronously, so the fake usage endpoint
// and webhook receivers in this process keep answering), a temporary CCMETER_HOME with a config file, and a
// Claude config folder holding a login and one transcript.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { ccmeter, ROOT, type CliRun } from '../helpers/cli.ts';
import { assistant, tempDir, writeProjects } from '../helpers/fixtures.ts';
import { credentialBlob, writeCredentials } from '../oauth/helpers.ts';

const BIN = path.join(ROOT, 'bin/ccmeter.js');
export const TOKEN = 'sk-ant-oat01-daemontest-0123456789abcdef';

function fullEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', HOME: env['HOME'] ?? '/nonexistent-home', ...env };
}

/** The built CLI, without blocking this process. */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: fullEnv(env), encoding: 'utf8', timeout: 60_000 }, (e, stdout, stderr) => {
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr });
    });
  });
}

export interface RunningDaemon {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves when stderr matches (rejects after 10 s). */
  said: (pattern: RegExp) => Promise<void>;
  exited: Promise<number | null>;
}

/** The long-running daemon. */
export function startDaemon(env: Record<string, string>): RunningDaemon {
  const child = spawn(process.execPath, [BIN, 'daemon'], { env: fullEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const waiting: (() => void)[] = [];
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString('utf8');
    waiting.forEach((check) => check());
  });
  const said = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the daemon did not say ${pattern} within 10 s; stderr: ${err}`)), 10_000);
      const check = () => pattern.test(err) && (clearTimeout(timer), resolve());
      waiting.push(check);
      check();
    });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => err, said, exited };
}

export interface Setup {
  dir: string;
  env: Record<string, string>;
  /** The transcript file (append to it to simulate Claude Code at work). */
  transcript: string;
}

/** A home with `config` as its config file; the login expires in 30 days; one request at 11:58 (Claude Code 2.1.239). */
export function setup(t: TestContext, config: unknown, extraEnv: Record<string, string> = {}): Setup {
  const dir = tempDir(t, 'ccmeter-daemon-');
  const claude = path.join(dir, 'claude');
  writeProjects(claude, { '-home-dev-project/11111111-2222-4333-8444-555555555555.jsonl': [assistant({ id: 'msg_a', ts: '2026-07-18T11:58:00Z', version: '2.1.239' })] });
  writeCredentials(claude, credentialBlob(TOKEN, Date.parse('2026-08-18T00:00:00Z')));
  const home = path.join(dir, 'home');
  mkdirSync(home, { recursive: true });
  writeFileSync(path.join(home, 'config.json'), JSON.stringify(config, null, 2));
  const transcript = path.join(claude, 'projects/-home-dev-project/11111111-2222-4333-8444-555555555555.jsonl');
  return { dir, transcript, env: { CCMETER_HOME: home, CLAUDE_CONFIG_DIR: claude, HOME: dir, TZ: 'UTC', NO_COLOR: '1', ...extraEnv } };
}

/** Claude Code's statusLine input carrying these rate limits, recorded through `ccmeter statusline`. */
export function statusline(env: Record<string, string>, now: string, five: { percent: number; resetsAt: string }): void {
  const input = { session_id: 's', rate_limits: { five_hour: { used_percentage: five.percent, resets_at: Date.parse(five.resetsAt) / 1000 } } };
  const r = ccmeter(['statusline', '--json'], { ...env, CCMETER_NOW: now, CCMETER_OFFLINE: '1' }, JSON.stringify(input));
  assert.deepEqual([r.code, (JSON.parse(r.stdout) as { problems: string[] }).problems], [0, []], r.stderr);
}

/** A usage endpoint body in the flat shape (limits.md §2). */
export function usageBody(five: [number, string], week: [number, string]) {
  return { five_hour: { utilization: five[0], resets_at: five[1] }, seven_day: { utilization: week[0], resets_at: week[1] }, seven_day_opus: null, seven_day_sonnet: null, extra_usage: null };
}
