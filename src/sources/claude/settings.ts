// Claude Code's settings.json (facts/limits.md §1, §6): where the statusLine is configured. ccmeter changes
// only the `statusLine` key, keeps a backup, writes atomically, and refuses to touch a file it cannot parse.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { CcmeterError } from '../../shared/errors.ts';

/** Claude Code's config folder: the first CLAUDE_CONFIG_DIR entry, else ~/.claude. */
export function claudeConfigDir(env: { CLAUDE_CONFIG_DIR?: string | undefined; HOME?: string | undefined }): string {
  const home = env.HOME || homedir();
  const first = env.CLAUDE_CONFIG_DIR?.split(',').map((s) => s.trim()).find(Boolean);
  if (!first) return path.join(home, '.claude');
  return path.resolve(first === '~' ? home : first.startsWith('~/') ? path.join(home, first.slice(2)) : first);
}

export type Settings = Record<string, unknown>;

export function readSettings(file: string): Settings {
  if (!existsSync(file)) return {};
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
    return v as Settings;
  } catch (e) {
    throw new CcmeterError(`${file} is not valid JSON (${(e as Error).message}); ccmeter will not rewrite it.`, 'Fix the file by hand, then run the command again.');
  }
}

/** Writes `settings` over `file` atomically, after copying the current file to `backup` (when it exists). */
export function writeSettings(file: string, settings: Settings, backup: string): void {
  if (existsSync(file)) copyFileSync(file, backup);
  const tmp = `${file}.ccmeter-${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(settings, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}
