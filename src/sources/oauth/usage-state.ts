// The usage endpoint's shared cache `<stateDir>/oauth-usage.json`, one for every ccmeter process: the last
// good snapshots, the last attempt, the 429 cooldown and the 401/403 block. The block is keyed by a hash of
// the token (sha256, 16 hex) so a new login lifts it; the token itself is never stored. Writes are atomic
// (temp file + rename, mode 0600). `oauth-usage.lock` (created with 'wx', stale after 30 s) keeps
// parallel processes from calling together.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LimitSnapshot } from '../../ledger/limits.ts';
import { CcmeterError } from '../../shared/errors.ts';
import { finite, isObject, text } from './values.ts';

export type UsageStatus = 'ok' | 'cached' | 'cooldown' | 'expired' | 'unauthorized' | 'forbidden' | 'no-credentials' | 'error';

export interface UsageState {
  /** The last 200's snapshots and when they were fetched. */
  good: { observedAt: number; snapshots: LimitSnapshot[] } | null;
  /** The last call made to the endpoint (epoch ms), whatever it returned. */
  lastAttemptAt: number | null;
  lastStatus: UsageStatus | null;
  lastMessage: string;
  /** No call before this (429 cooldown), even when forced. */
  cooldownUntil: number | null;
  consecutive429: number;
  /** After a 401/403: no call with the same token (by hash) before this. */
  blockedUntil: number | null;
  tokenHash: string | null;
}

export const STATE_FILE = 'oauth-usage.json';
export const LOCK_FILE = 'oauth-usage.lock';
export const LOCK_STALE_MS = 30_000;

const STATUSES: ReadonlySet<string> = new Set<UsageStatus>(['ok', 'cached', 'cooldown', 'expired', 'unauthorized', 'forbidden', 'no-credentials', 'error']);

export function emptyState(): UsageState {
  return { good: null, lastAttemptAt: null, lastStatus: null, lastMessage: '', cooldownUntil: null, consecutive429: 0, blockedUntil: null, tokenHash: null };
}

/** sha256 of the token, first 16 hex: enough to notice a new login, useless to anyone reading the cache. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 16);
}

/** The cache, or an empty state when it is missing or unusable (it is only a cache). */
export function loadState(stateDir: string): UsageState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path.join(stateDir, STATE_FILE), 'utf8'));
  } catch {
    return emptyState();
  }
  if (!isObject(raw)) return emptyState();
  const good = isObject(raw['good']) && finite(raw['good']['observedAt']) !== null && Array.isArray(raw['good']['snapshots'])
    ? { observedAt: raw['good']['observedAt'] as number, snapshots: raw['good']['snapshots'].filter(isSnapshot) }
    : null;
  const status = text(raw['lastStatus']);
  return {
    good,
    lastAttemptAt: finite(raw['lastAttemptAt']),
    lastStatus: status !== null && STATUSES.has(status) ? (status as UsageStatus) : null,
    lastMessage: text(raw['lastMessage']) ?? '',
    cooldownUntil: finite(raw['cooldownUntil']),
    consecutive429: Math.max(0, Math.floor(finite(raw['consecutive429']) ?? 0)),
    blockedUntil: finite(raw['blockedUntil']),
    tokenHash: text(raw['tokenHash']),
  };
}

export function saveState(stateDir: string, state: UsageState): void {
  ensureDir(stateDir);
  const file = path.join(stateDir, STATE_FILE);
  const tmp = path.join(stateDir, `.${STATE_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, JSON.stringify(state) + '\n', { mode: 0o600 });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw stateError(stateDir, err);
  }
}

export interface UsageLock {
  release(): void;
}

/** Takes the lock, or returns null when another process holds a fresh one. */
export function tryLock(stateDir: string, now: number): UsageLock | null {
  ensureDir(stateDir);
  const file = path.join(stateDir, LOCK_FILE);
  const nonce = randomBytes(8).toString('hex');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, at: now, nonce }), { flag: 'wx', mode: 0o600 });
      return { release: () => releaseLock(file, nonce) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw stateError(stateDir, err);
    }
    if (!lockIsStale(file, now)) return null;
    rmSync(file, { force: true });
  }
  return null;
}

function lockIsStale(file: string, now: number): boolean {
  let at: number | null = null;
  try {
    const held: unknown = JSON.parse(readFileSync(file, 'utf8'));
    at = isObject(held) ? finite(held['at']) : null;
  } catch {
    // Being written right now, or garbage: judge by the file's age instead.
  }
  if (at !== null) return Math.abs(now - at) > LOCK_STALE_MS;
  try {
    return Date.now() - statSync(file).mtimeMs > LOCK_STALE_MS;
  } catch {
    return true; // gone already
  }
}

function releaseLock(file: string, nonce: string): void {
  try {
    if (readFileSync(file, 'utf8').includes(nonce)) rmSync(file, { force: true });
  } catch {
    // Already gone (taken over as stale): nothing to release.
  }
}

function ensureDir(stateDir: string): void {
  try {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw stateError(stateDir, err);
  }
}

function stateError(stateDir: string, err: unknown): CcmeterError {
  const raw = (err as NodeJS.ErrnoException | null)?.code;
  const code = typeof raw === 'string' && /^E[A-Z0-9]+$/.test(raw) ? raw : 'error';
  return new CcmeterError(`cannot write ccmeter's state folder ${stateDir} (${code})`, 'check its permissions, or set CCMETER_HOME', { cause: err });
}

function isSnapshot(v: unknown): v is LimitSnapshot {
  return isObject(v) && v['source'] === 'oauth' && typeof v['window'] === 'string' && typeof v['observedAt'] === 'number'
    && (v['usedPercent'] === null || typeof v['usedPercent'] === 'number') && (v['resetsAt'] === null || typeof v['resetsAt'] === 'number');
}
