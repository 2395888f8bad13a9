// The OAuth usage endpoint behind a cache shared by every ccmeter process (facts/limits.md §2 Polling,
// Last-known display): at most one call per interval, none while a 429 cooldown runs (not even forced),
// none with an expired token or with a token that just got 401/403. Every answer carries the last good
// snapshots, so a failure never blanks the limits. Claude Code's token is never refreshed, written,
// logged or printed: it leaves this process only in the Authorization header.
import type { LimitSnapshot } from '../../ledger/limits.ts';
import { cooldownMs, retryAfterMs, BACKOFF_MAX_MS } from './backoff.ts';
import { readCredentials, type CredentialsResult } from './credentials.ts';
import { decodeUsage } from './decode.ts';
import { callUsage, usageUrl, type CallOutcome } from './usage-request.ts';
import { loadState, saveState, tokenHash, tryLock, type UsageState, type UsageStatus } from './usage-state.ts';

export type { UsageStatus } from './usage-state.ts';

export interface UsageFetchResult {
  status: UsageStatus;
  /** The fresh snapshots on 'ok', else the last good ones (possibly none). */
  snapshots: LimitSnapshot[];
  /** When `snapshots` were fetched; null when there are none. */
  observedAt: number | null;
  message: string;
  /** When a call may next be made (cooldown, block, interval); null when not known or not limited. */
  retryAt: number | null;
}

export interface FetchUsageOptions {
  env: Record<string, string | undefined>;
  stateDir: string;
  now?: () => number;
  /** At most one call per this many ms across all processes; default 60 s. */
  minIntervalMs?: number;
  /** Skip the interval (never a 429 cooldown nor a 401/403 block). */
  force?: boolean;
  claudeVersion?: string | null;
  fetchImpl?: typeof fetch;
  /** Already-read credentials; read fresh (read-only) when omitted. */
  credentials?: CredentialsResult;
}

export const DEFAULT_MIN_INTERVAL_MS = 60_000;
export const UNAUTHORIZED_BLOCK_MS = 5 * 60_000;
/** A 403 means the token lacks a scope: it will not change until the login does (that lifts the block at once). */
export const FORBIDDEN_BLOCK_MS = 60 * 60_000;
export const REFRESH_HINT = 'open Claude Code to refresh its login';
export const EXPIRED_MESSAGE = `Claude Code's login has expired: ${REFRESH_HINT}`;
export const UNAUTHORIZED_MESSAGE = `the usage endpoint rejected Claude Code's login (HTTP 401): ${REFRESH_HINT}`;
export const FORBIDDEN_MESSAGE = 'this login lacks the user:profile scope (for example a `claude setup-token` token); log in with `claude` for live limits';

export async function fetchUsage(o: FetchUsageOptions): Promise<UsageFetchResult> {
  const clock = o.now ?? Date.now;
  const minInterval = o.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
  const force = o.force === true;
  const now = clock();
  const before = loadState(o.stateDir);
  const gated = gate(before, now, minInterval, force);
  if (gated) return gated;

  const creds = o.credentials ?? readCredentials(o.env);
  if (!creds.ok) return fromState('no-credentials', before, creds.message, null);
  const { accessToken, expiresAt } = creds.credentials;
  if (expiresAt !== null && expiresAt <= now) return fromState('expired', before, EXPIRED_MESSAGE, null);
  const hash = tokenHash(accessToken);
  const blocked = authBlock(before, hash, now);
  if (blocked) return blocked;
  const target = usageUrl(o.env);
  if (!target.ok) return fromState('error', before, target.message, null);

  const lock = tryLock(o.stateDir, now);
  if (lock === null) return fromState('cached', before, 'another ccmeter process is fetching usage right now', null);
  try {
    const state = loadState(o.stateDir); // another process may have called while we got here
    const again = gate(state, now, minInterval, force) ?? authBlock(state, hash, now);
    if (again) return again;
    const outcome = await callUsage(target.url, accessToken, o.claudeVersion ?? null, o.fetchImpl ?? fetch);
    const at = clock();
    const next = settle(state, outcome, at, hash);
    saveState(o.stateDir, next);
    return next.lastStatus === 'ok' && next.good
      ? { status: 'ok', snapshots: next.good.snapshots, observedAt: at, message: next.lastMessage, retryAt: null }
      : fromState(next.lastStatus ?? 'error', next, next.lastMessage, retryAfter(next));
  } finally {
    lock.release();
  }
}

/** The 429 cooldown, then the call interval; null when a call may go. */
function gate(s: UsageState, now: number, minInterval: number, force: boolean): UsageFetchResult | null {
  // A cooldown further away than any we set comes from a clock that has since gone back: ignore it.
  if (s.cooldownUntil !== null && now < s.cooldownUntil && s.cooldownUntil - now <= BACKOFF_MAX_MS) {
    return fromState('cooldown', s, cooldownMessage(s.cooldownUntil), s.cooldownUntil);
  }
  const age = s.lastAttemptAt === null ? null : now - s.lastAttemptAt;
  if (!force && age !== null && age >= 0 && age < minInterval) {
    const last = s.lastStatus === 'ok' || s.lastStatus === null ? null : s.lastMessage;
    const fetched = s.good ? `usage fetched ${ago(now - s.good.observedAt)} ago` : 'no usage fetched yet';
    return fromState('cached', s, last ? `${fetched}; the last attempt: ${last}` : fetched, now - age + minInterval);
  }
  return null;
}

/** After a 401/403 for this same token: no call until the block ends. A new login (another hash) lifts it. */
function authBlock(s: UsageState, hash: string, now: number): UsageFetchResult | null {
  if ((s.lastStatus !== 'unauthorized' && s.lastStatus !== 'forbidden') || s.tokenHash !== hash || s.blockedUntil === null) return null;
  if (now >= s.blockedUntil || s.blockedUntil - now > FORBIDDEN_BLOCK_MS) return null;
  return fromState(s.lastStatus, s, s.lastMessage, s.blockedUntil);
}

/** The state after a call at `at`. */
function settle(s: UsageState, outcome: CallOutcome, at: number, hash: string): UsageState {
  const base: UsageState = { ...s, lastAttemptAt: at, tokenHash: hash, cooldownUntil: null, consecutive429: 0, blockedUntil: null };
  if (outcome.kind === 'ok') {
    return { ...base, good: { observedAt: at, snapshots: decodeUsage(outcome.body, at) }, lastStatus: 'ok', lastMessage: 'usage fetched just now' };
  }
  if (outcome.kind === 'failed') return { ...base, lastStatus: 'error', lastMessage: outcome.message };
  if (outcome.status === 429) {
    const n = s.consecutive429 + 1;
    const until = at + cooldownMs(retryAfterMs(outcome.retryAfter, at), n);
    return { ...base, lastStatus: 'cooldown', lastMessage: cooldownMessage(until), cooldownUntil: until, consecutive429: n };
  }
  if (outcome.status === 401) return { ...base, lastStatus: 'unauthorized', lastMessage: UNAUTHORIZED_MESSAGE, blockedUntil: at + UNAUTHORIZED_BLOCK_MS };
  if (outcome.status === 403) return { ...base, lastStatus: 'forbidden', lastMessage: FORBIDDEN_MESSAGE, blockedUntil: at + FORBIDDEN_BLOCK_MS };
  return { ...base, lastStatus: 'error', lastMessage: `the usage endpoint answered HTTP ${outcome.status}` };
}

function retryAfter(s: UsageState): number | null {
  if (s.lastStatus === 'cooldown') return s.cooldownUntil;
  if (s.lastStatus === 'unauthorized' || s.lastStatus === 'forbidden') return s.blockedUntil;
  return null;
}

function fromState(status: UsageStatus, s: UsageState, message: string, retryAt: number | null): UsageFetchResult {
  return { status, snapshots: s.good?.snapshots ?? [], observedAt: s.good?.observedAt ?? null, message, retryAt };
}

function cooldownMessage(until: number): string {
  return `the usage endpoint is rate limiting (HTTP 429); next try after ${new Date(until).toISOString()}`;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}
