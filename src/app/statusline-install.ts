// `ccmeter statusline install` / `uninstall`: put ccmeter in Claude Code's statusLine, chaining the command
// that was there (its output stays in the line), and restore it on uninstall. Only `statusLine` changes.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { claudeConfigDir, readSettings, writeSettings } from '../sources/claude/settings.ts';

export interface StatusLineSetting {
  type?: string;
  command?: string;
  padding?: number;
  refreshInterval?: number;
  [k: string]: unknown;
}

/** What install remembers: the statusLine it replaced, run first by ccmeter's own statusline. */
export interface ChainState {
  settingsFile: string;
  previous: StatusLineSetting | null;
  installedAt: string;
}

export const chainFile = (stateDir: string) => path.join(stateDir, 'statusline-chain.json');

export function isOurs(s: unknown): boolean {
  const cmd = (s as StatusLineSetting | null)?.command;
  return typeof cmd === 'string' && /ccmeter/.test(cmd) && /\bstatusline\b/.test(cmd);
}

export function readChain(stateDir: string): ChainState | null {
  try {
    return JSON.parse(readFileSync(chainFile(stateDir), 'utf8')) as ChainState;
  } catch {
    return null;
  }
}

export interface InstallResult {
  settingsFile: string;
  backup: string;
  command: string;
  chained: string | null;
  alreadyInstalled: boolean;
}

export function installStatusLine(env: { CLAUDE_CONFIG_DIR?: string | undefined; HOME?: string | undefined }, stateDir: string, command: string, now: number): InstallResult {
  const dir = claudeConfigDir(env);
  const settingsFile = path.join(dir, 'settings.json');
  const settings = readSettings(settingsFile);
  const current = (settings['statusLine'] ?? null) as StatusLineSetting | null;
  const backup = `${settingsFile}.ccmeter-backup-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  const already = isOurs(current);
  const previous = already ? (readChain(stateDir)?.previous ?? null) : current;
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(chainFile(stateDir), JSON.stringify({ settingsFile, previous, installedAt: new Date(now).toISOString() } satisfies ChainState, null, 2) + '\n');
  mkdirSync(dir, { recursive: true });
  // keep the user's padding; refresh every minute so countdowns move while idle (limits.md §1)
  const next: StatusLineSetting = { type: 'command', command, padding: current?.padding ?? 0, refreshInterval: current?.refreshInterval ?? 60 };
  writeSettings(settingsFile, { ...settings, statusLine: next }, backup);
  return { settingsFile, backup, command, chained: previous?.command ?? null, alreadyInstalled: already };
}

export interface UninstallResult {
  settingsFile: string;
  restored: StatusLineSetting | null;
  wasInstalled: boolean;
}

export function uninstallStatusLine(env: { CLAUDE_CONFIG_DIR?: string | undefined; HOME?: string | undefined }, stateDir: string, now: number): UninstallResult {
  const chain = readChain(stateDir);
  const settingsFile = chain?.settingsFile ?? path.join(claudeConfigDir(env), 'settings.json');
  const settings = readSettings(settingsFile);
  if (!isOurs(settings['statusLine'])) return { settingsFile, restored: null, wasInstalled: false };
  const next = { ...settings };
  if (chain?.previous) next['statusLine'] = chain.previous;
  else delete next['statusLine'];
  writeSettings(settingsFile, next, `${settingsFile}.ccmeter-backup-${new Date(now).toISOString().replace(/[:.]/g, '-')}`);
  if (existsSync(chainFile(stateDir))) rmSync(chainFile(stateDir));
  return { settingsFile, restored: chain?.previous ?? null, wasInstalled: true };
}
