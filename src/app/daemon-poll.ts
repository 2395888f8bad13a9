// The daemon's use of the OAuth usage endpoint (facts/limits.md §2 Polling): only when no official value is
// fresher than the current interval (statusLine samples arrive by themselves while Claude Code runs), on
// CodexBar's adaptive cadence keyed on transcript activity, and never faster than fetchUsage allows (one
// call a minute across every ccmeter process, 429 cooldowns, 401/403 blocks, all persisted in the state dir).
import { fetchUsage } from '../sources/oauth/usage-client.ts';
import type { AppContext } from './context.ts';

export interface PollOutcome {
  /** A call was due (no official value fresher than the interval); fetchUsage may still skip it (cooldown, shared gate). */
  due: boolean;
  /** fetchUsage's status; null when no call was due. */
  status: string | null;
  message: string | null;
  /** The cadence in force (ms). */
  intervalMs: number;
}

const MIN = 60_000;

/** Activity in the last 5 min: every 5 min; in the last hour: 15 min; else 30 min (limits.md §2, CodexBar's cadence). */
export function pollIntervalMs(now: number, lastActivityAt: number | null): number {
  const idle = lastActivityAt === null ? Infinity : now - lastActivityAt;
  if (idle <= 5 * MIN) return 5 * MIN;
  if (idle <= 60 * MIN) return 15 * MIN;
  return 30 * MIN;
}

export async function pollUsage(app: AppContext, now: number, env: Record<string, string | undefined>, lastActivityAt: number | null): Promise<PollOutcome> {
  const intervalMs = pollIntervalMs(now, lastActivityAt);
  if (env['CCMETER_OFFLINE']) return { due: false, status: null, message: null, intervalMs };
  const latest = await app.ledger.latestLimitSnapshots();
  const newest = Math.max(0, ...latest.map((s) => s.observedAt));
  if (now - newest < intervalMs) return { due: false, status: null, message: null, intervalMs };
  const versions = await app.ledger.versions({ since: now - 30 * 86_400_000 });
  const claudeVersion = versions.map((v) => v.version).filter((v) => /^\d+\.\d+\.\d+/.test(v)).sort(compareSemver).pop() ?? null;
  // the interval doubles as fetchUsage's shared gate, so a failing endpoint is retried at this cadence, not every cycle
  const r = await fetchUsage({ env, stateDir: app.paths.state, now: () => now, claudeVersion, minIntervalMs: intervalMs });
  if (r.status === 'ok' && r.snapshots.length > 0) await app.ledger.recordLimitSnapshots(r.snapshots);
  return { due: true, status: r.status, message: r.message, intervalMs };
}

function compareSemver(a: string, b: string): number {
  const pa = a.split('.').map((n) => parseInt(n, 10)), pb = b.split('.').map((n) => parseInt(n, 10));
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
