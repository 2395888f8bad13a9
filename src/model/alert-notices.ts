// The alerts that are not limit thresholds or pace: reset notices, budgets, and the test message. Rules
// are described in alerts.ts.
import { clockText, FiredKeys, highestNew, SAME_INSTANCE_MS, usd, windowKey } from './alert-keys.ts';
import type { Alert, AlertDecision, AlertInput, CostTotals } from './alerts.ts';
import { windowMeta } from './limits.ts';

const MIN = 60_000;
/** A reset older than this is not announced (the watcher was asleep or off). */
export const RESET_NOTICE_WITHIN_MS = 2 * 60 * MIN;

export function resetAlerts(input: AlertInput, fired: FiredKeys, out: AlertDecision): Alert[] {
  const alerts: Alert[] = [];
  const seen: { window: string; resetsAt: number }[] = [];
  const lockedWeekly = input.limits.windows.find((w) => w.group === 'weekly' && !w.stale && w.source !== 'estimate' && (w.usedPercent ?? 0) >= 100);
  for (const s of input.snapshots) {
    if (s.resetsAt === null || s.resetsAt > input.now || input.now - s.resetsAt > RESET_NOTICE_WITHIN_MS) continue;
    const key = windowKey('reset', s.window, s.resetsAt);
    const resetsAt = s.resetsAt;
    if (seen.some((x) => x.window === s.window && Math.abs(x.resetsAt - resetsAt) <= SAME_INSTANCE_MS)) continue;
    if (!fired.near('limit', s.window, resetsAt) || fired.near('reset', s.window, resetsAt)) continue;
    seen.push({ window: s.window, resetsAt });
    if (s.window === 'five_hour' && lockedWeekly) {
      out.skipped.push({ window: s.window, reason: `reset notice withheld: ${lockedWeekly.label} is still at ${Math.round(lockedWeekly.usedPercent!)}%` });
      continue;
    }
    const label = windowMeta(s.window, s.detail?.['label']).label;
    alerts.push({
      key,
      kind: 'reset',
      window: s.window,
      title: `${label} has reset`,
      message: `${label} reset at ${clockText(s.resetsAt, input.now, input.tz)}: a fresh window.`,
      critical: false,
      channels: ['desktop', 'webhook'],
      covers: [],
      detail: { window: s.window, resetsAt: new Date(s.resetsAt).toISOString() },
    });
  }
  return alerts;
}

export function budgetAlerts(input: AlertInput, costs: CostTotals, fired: FiredKeys): Alert[] {
  const b = input.config.budget;
  const periods = [
    { name: 'daily', budget: b.dailyUSD, period: costs.day, spent: costs.dayUSD, what: 'Today' },
    { name: 'monthly', budget: b.monthlyUSD, period: costs.month, spent: costs.monthUSD, what: 'This month' },
  ];
  const alerts: Alert[] = [];
  for (const p of periods) {
    if (p.budget === undefined) continue;
    const percent = (p.spent / p.budget) * 100;
    const crossed = [...new Set(b.thresholds)].sort((x, y) => x - y).filter((t) => percent >= t);
    const keyOf = (t: number) => `budget:${p.name}:${p.period}:${t}`;
    const pick = highestNew(crossed, keyOf, (t) => fired.has(keyOf(t)));
    if (!pick) continue;
    alerts.push({
      key: pick.key,
      kind: 'budget',
      window: null,
      title: `${p.name === 'daily' ? 'Daily' : 'Monthly'} budget: ${Math.round(percent)}% used`,
      message: `${p.what}'s API-equivalent cost is ${usd(p.spent)}, ${Math.round(percent)}% of your ${usd(p.budget)} ${p.name} budget (alert at ${pick.top}%).`,
      critical: false,
      channels: ['desktop', 'webhook'],
      covers: pick.covers,
      detail: { budget: p.name, period: p.period, costUSD: p.spent, budgetUSD: p.budget, threshold: pick.top },
    });
  }
  return alerts;
}

/** The message `ccmeter alerts test` sends on every channel; never claimed. */
export function testAlert(now: number): Alert {
  const at = new Date(now).toISOString();
  return {
    key: `test:${at}`,
    kind: 'test',
    window: null,
    title: 'ccmeter test alert',
    message: 'This is a test from `ccmeter alerts test`: this channel works.',
    critical: false,
    channels: ['desktop', 'webhook'],
    covers: [],
    detail: { at },
  };
}
