// Runs the built CLI (bin/ccmeter.js → dist/) as a user would, with an environment built from scratch.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.join(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/ccmeter.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `env` is the whole environment besides PATH: tests set CCMETER_HOME, CLAUDE_CONFIG_DIR, TZ, NO_COLOR… */
export function ccmeter(args: readonly string[], env: Record<string, string>, input?: string): CliRun {
  if (!existsSync(path.join(ROOT, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: env['HOME'] ?? '/nonexistent-home', ...env },
    input: input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const ANSI = /\u001b\[/;
