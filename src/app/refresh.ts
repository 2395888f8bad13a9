// Fresh official limit values from the OAuth usage endpoint, when the stored ones are old: at most one call
// a minute across all ccmeter processes, cached, with the endpoint's cooldowns honoured (facts/limits.md §2).
import type { AppContext } from './context.ts';

/** Stored official values younger than this are fresh enough: no call. */
const FRESH_MS = 5 * 60_000;

export interface RefreshOutcome {
  called: boolean;
  note: string | null;
}

export async function refreshOfficialLimits(app: AppContext, now: number, env: Record<string, string | undefined>): Promise<RefreshOutcome> {
  if (env['CCMETER_OFFLINE']) return { called: false, note: null };
  const latest = await app.ledger.latestLimitSnapshots();
  const newest = Math.max(0, ...latest.map((s) => s.observedAt));
  if (now - newest < FRESH_MS) return { called: false, note: null };
  const { fetchUsage } = await import('../sources/oauth/usage-client.ts');
  const versions = await app.ledger.versions({ since: now - 30 * 86_400_000 });
  const claudeVersion = versions.map((v) => v.version).filter(Boolean).sort(compareSemver).pop() ?? null;
  const r = await fetchUsage({ env, stateDir: app.paths.state, now: () => now, claudeVersion });
  if (r.snapshots.length > 0 && r.observedAt !== null) await app.ledger.recordLimitSnapshots(r.snapshots);
  const quiet = r.status === 'ok' || r.status === 'cached' || r.status === 'no-credentials';
  return { called: r.status === 'ok', note: quiet ? null : `Usage endpoint: ${r.message}` };
}

function compareSemver(a: string, b: string): number {
  const pa = a.split('.').map(Number), pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
