// `ccmeter alerts` (or `alerts list`): the alert rules in force and the alerts fired recently;
// `ccmeter alerts test`: a test message on every configured channel, with each channel's result.
import { openApp } from '../../../app/context.ts';
import { loadConfig } from '../../../config/load.ts';
import type { AlertsConfig } from '../../../config/schema.ts';
import { testAlert, type ChannelResult } from '../../../model/alerts.ts';
import { UsageError } from '../../../shared/errors.ts';
import { ccmeterPaths } from '../../../shared/paths.ts';
import { deliver } from '../../alerts/deliver.ts';
import { redactUrl } from '../../alerts/result.ts';
import { stdoutPainter, type CliIO } from '../io.ts';
import { appEnv, printJson } from '../shared.ts';

/** The JSON shape of `ccmeter alerts --json`. */
export interface AlertsListView {
  rules: {
    thresholds: number[];
    /** Per-window overrides of `thresholds`. */
    windows: Record<string, number[]>;
    pace: AlertsConfig['pace'];
    resetNotice: boolean;
    budget: { dailyUSD: number | null; monthlyUSD: number | null; thresholds: number[] };
    quietHours: { from: string; to: string } | null;
    avoidClaudeCodeDuplicates: boolean;
    /** `desktop`, `webhook:<format> <origin>/…` (webhook paths are not shown: they often hold a secret). */
    channels: string[];
  };
  /** Fired in the last 30 days, newest first. */
  fired: { key: string; firedAt: string; title: string | null; message: string | null }[];
}

/** The JSON shape of `ccmeter alerts test --json`. */
export interface AlertsTestReport {
  title: string;
  message: string;
  results: ChannelResult[];
}

const DAY = 86_400_000;

export async function alertsCommand(action: string | undefined, o: { json?: boolean; color?: boolean }, io: CliIO): Promise<number> {
  if (action === 'test') return alertsTest(o, io);
  if (action !== undefined && action !== 'list') throw new UsageError(`alerts ${action}: unknown action`, 'Use `ccmeter alerts`, `ccmeter alerts list` or `ccmeter alerts test`.');
  const app = await openApp(appEnv(io), { ingest: false });
  try {
    const a = app.config.alerts;
    const fired = await app.ledger.firedAlerts(io.now() - 30 * DAY);
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    const view: AlertsListView = {
      rules: {
        thresholds: a.thresholds,
        windows: Object.fromEntries(Object.entries(a.windows).map(([w, v]) => [w, v.thresholds])),
        pace: a.pace,
        resetNotice: a.resetNotice,
        budget: { dailyUSD: a.budget.dailyUSD ?? null, monthlyUSD: a.budget.monthlyUSD ?? null, thresholds: a.budget.thresholds },
        quietHours: a.quietHours ?? null,
        avoidClaudeCodeDuplicates: a.avoidClaudeCodeDuplicates,
        channels: [...(a.desktop ? ['desktop'] : []), ...a.webhooks.map((w) => `webhook:${w.format} ${redactUrl(w.url)}`)],
      },
      fired: fired.filter((f) => f.detail?.['coveredBy'] === undefined).map((f) => ({ key: f.key, firedAt: new Date(f.firedAt).toISOString(), title: text(f.detail?.['title']), message: text(f.detail?.['message']) })),
    };
    if (o.json) printJson(io, view);
    else io.stdout.write(renderList(view, stdoutPainter(io, o.color)));
    return 0;
  } finally {
    await app.close();
  }
}

function renderList(v: AlertsListView, p: ReturnType<typeof stdoutPainter>): string {
  const r = v.rules;
  const pct = (list: number[]) => list.map((t) => `${t}%`).join(', ') || 'none';
  const lines = [p.paint('bold', 'Alert rules'), `  thresholds: ${pct(r.thresholds)} of every limit window`];
  for (const [w, list] of Object.entries(r.windows)) lines.push(`  ${w}: ${pct(list)}`);
  lines.push(`  pace: ${r.pace.enabled ? `when a window runs out within ${r.pace.withinMinutes} min and ${r.pace.minLockoutMinutes}+ min before its reset` : 'off'}`);
  lines.push(`  reset notice: ${r.resetNotice ? 'on' : 'off'}`);
  const budgets = [r.budget.dailyUSD === null ? null : `$${r.budget.dailyUSD}/day`, r.budget.monthlyUSD === null ? null : `$${r.budget.monthlyUSD}/month`].filter(Boolean);
  lines.push(`  budget: ${budgets.length ? `${budgets.join(', ')} at ${pct(r.budget.thresholds)}` : 'none'}`);
  lines.push(`  quiet hours: ${r.quietHours ? `${r.quietHours.from}–${r.quietHours.to} (alerts of 90% and above still go out)` : 'none'}`);
  if (r.avoidClaudeCodeDuplicates) lines.push("  desktop skips Claude Code's own 50/75/90% warnings while it is in use");
  lines.push(`  channels: ${r.channels.join(', ') || 'none (set alerts.desktop or alerts.webhooks)'}`, '', p.paint('bold', 'Recent alerts (30 days)'));
  if (v.fired.length === 0) lines.push('  none');
  for (const f of v.fired) lines.push(`  ${f.firedAt.slice(0, 16).replace('T', ' ')}  ${f.title ?? f.key}`);
  return lines.join('\n') + '\n';
}

async function alertsTest(o: { json?: boolean; color?: boolean }, io: CliIO): Promise<number> {
  const config = await loadConfig(ccmeterPaths(appEnv(io)).config);
  const now = io.now();
  const alert = testAlert(now);
  const results = await deliver(alert, config.alerts, { env: io.env, now });
  const report: AlertsTestReport = { title: alert.title, message: alert.message, results };
  const allOk = results.length > 0 && results.every((r) => r.ok);
  if (o.json) printJson(io, report);
  else {
    const p = stdoutPainter(io, o.color);
    if (results.length === 0) io.stdout.write('No alert channel is configured: set alerts.desktop or alerts.webhooks in the config file.\n');
    for (const r of results) io.stdout.write(`${r.channel} (${r.target}): ${r.ok ? p.paint('green', 'sent') : p.paint('red', `failed: ${r.error}`)}\n`);
  }
  return allOk ? 0 : 1;
}
