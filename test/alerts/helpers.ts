// Replays a recorded sequence of limit observations through the alert engine the way the daemon does:
// each step stores what was observed, builds the limits view at that time, decides, and marks what was sent
// (and what it covers) as fired, like ledger.claimAlert.
import type { AlertsConfig } from '../../src/config/schema.ts';
import { DEFAULT_CONFIG } from '../../src/config/defaults.ts';
import type { StoredLimitSnapshot } from '../../src/ledger/limits.ts';
import { decideAlerts, type AlertDecision, type CostTotals } from '../../src/model/alerts.ts';
import { buildLimitsView } from '../../src/model/limits.ts';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const at = (iso: string) => Date.parse(iso);

export function alertsConfig(over: Partial<AlertsConfig> = {}): AlertsConfig {
  return { ...structuredClone(DEFAULT_CONFIG.alerts), ...over };
}

export interface Observation {
  window?: string;
  percent: number | null;
  resetsAt: number;
  source?: 'statusline' | 'oauth';
  /** Observed this long before the step's time (default 0). */
  ageMs?: number;
}

export interface Step {
  now: number;
  observe?: Observation[];
  costs?: CostTotals;
  lastActivityAt?: number;
}

export interface Replay {
  /** Per step: the keys sent. */
  sent: string[][];
  decisions: AlertDecision[];
  fired: Set<string>;
}

/** `fired` carries keys over from an earlier run (a restart reads them from the ledger). */
export function replay(config: AlertsConfig, steps: Step[], fired = new Set<string>(), tz = 'UTC'): Replay {
  const rows: StoredLimitSnapshot[] = [];
  const out: Replay = { sent: [], decisions: [], fired };
  for (const step of steps) {
    for (const o of step.observe ?? []) {
      const t = step.now - (o.ageMs ?? 0);
      rows.push({ source: o.source ?? 'statusline', window: o.window ?? 'five_hour', observedAt: t, firstSeen: t, usedPercent: o.percent, resetsAt: o.resetsAt, detail: null });
    }
    const newest = new Map<string, StoredLimitSnapshot>();
    for (const r of rows) newest.set(`${r.source}/${r.window}`, r);
    const limits = buildLimitsView({ latest: [...newest.values()], history: rows.filter((r) => r.observedAt >= step.now - HOUR), now: step.now });
    const decision = decideAlerts({ now: step.now, tz, config, limits, snapshots: rows, costs: step.costs ?? null, fired, lastActivityAt: step.lastActivityAt ?? null });
    for (const a of decision.send) for (const k of [a.key, ...a.covers]) fired.add(k);
    out.sent.push(decision.send.map((a) => a.key));
    out.decisions.push(decision);
  }
  return out;
}
