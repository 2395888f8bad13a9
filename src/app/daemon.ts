// `ccmeter daemon`: one cycle = ingest new log bytes, refresh official limits from the usage endpoint when
// no fresh value exists (adaptive cadence), decide alerts, claim each in the ledger, send it. The loop
// repeats cycles on the wall clock until its signal aborts, survives any failing cycle, and closes the
// ledger at the end. Channels come in as `deliver` (they are a surface).
import { loadConfig } from '../config/load.ts';
import type { AlertsConfig, Config } from '../config/schema.ts';
import { decideAlerts, type Alert, type AlertDecision, type ChannelResult, type CostTotals } from '../model/alerts.ts';
import { localDate } from '../shared/tz.ts';
import { ingest } from '../sources/transcripts/ingest.ts';
import type { AppContext } from './context.ts';
import { limitsAndBlocks } from './limits.ts';
import { costOverview } from './overview.ts';
import { pollUsage, type PollOutcome } from './daemon-poll.ts';

export type Deliver = (alert: Alert, config: AlertsConfig, now: number) => Promise<ChannelResult[]>;

export interface SentAlert {
  key: string;
  kind: Alert['kind'];
  window: string | null;
  title: string;
  message: string;
  critical: boolean;
  /** Lower thresholds marked fired with it. */
  covers: string[];
  results: ChannelResult[];
}

/** The JSON shape of `ccmeter daemon --once --json`: what one cycle did. */
export interface CycleReport {
  at: string;
  /** New log bytes read this cycle; null when the cycle did not ingest (the command's start-up did). */
  ingest: { filesRead: number; bytesRead: number } | null;
  usage: PollOutcome;
  sent: SentAlert[];
  /** Held by the quiet hours; they go out after them if still true. */
  held: { key: string; title: string }[];
  /** Another watcher sent these first. */
  claimedElsewhere: string[];
  skipped: AlertDecision['skipped'];
  /** Parts of the cycle that failed (the rest still ran). */
  errors: string[];
}

export interface CycleOptions {
  now: number;
  env: Record<string, string | undefined>;
  deliver: Deliver;
  /** Read new log bytes first (the loop's first cycle skips it: openApp just did). */
  ingest: boolean;
  log: (line: string) => void;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

async function lastActivityAt(app: AppContext, now: number): Promise<number | null> {
  const rows = await app.ledger.rollup({ groupBy: 'all', tz: 'UTC', since: now - 6 * HOUR, until: now + MIN });
  return rows.length === 0 ? null : Math.max(...rows.map((r) => r.lastTs));
}

async function costTotals(app: AppContext, config: Config, now: number): Promise<CostTotals | null> {
  const { dailyUSD, monthlyUSD } = config.alerts.budget;
  if (dailyUSD === undefined && monthlyUSD === undefined) return null;
  const c = await costOverview(app.ledger, now, app.tz, 1);
  return { day: localDate(app.tz, now), dayUSD: c.today.costUSD, month: localDate(app.tz, now).slice(0, 7), monthUSD: c.month.costUSD };
}

/** Runs one cycle; a failing part is reported in `errors` and the rest still runs. */
export async function runCycle(app: AppContext, o: CycleOptions): Promise<CycleReport> {
  const { now } = o;
  const report: CycleReport = { at: new Date(now).toISOString(), ingest: null, usage: { due: false, status: null, message: null, intervalMs: 0 }, sent: [], held: [], claimedElsewhere: [], skipped: [], errors: [] };
  const fail = (part: string, e: unknown) => {
    const line = `${part}: ${(e as Error)?.message ?? String(e)}`;
    report.errors.push(line);
    o.log(line);
  };
  if (o.ingest) {
    const parallel = { ledgerFile: app.paths.ledger, priceTable: app.pricer.table };
    await ingest(app.ledger, { env: app.env, parallel }).then((r) => (report.ingest = { filesRead: r.filesRead, bytesRead: r.bytesRead }), (e) => fail('ingest', e));
  }
  const active = await lastActivityAt(app, now);
  report.usage = await pollUsage(app, now, o.env, active).catch((e) => (fail('usage endpoint', e), report.usage));
  if (report.usage.message && report.usage.status !== 'ok') o.log(`usage endpoint: ${report.usage.message}`);

  const config = app.config;
  const [{ view }, latest, history, fired, costs] = await Promise.all([
    limitsAndBlocks(app.ledger, now),
    app.ledger.latestLimitSnapshots(),
    app.ledger.limitHistory({ since: now - DAY }),
    app.ledger.firedAlerts(now - 8 * DAY),
    costTotals(app, config, now),
  ]);
  const decision = decideAlerts({ now, tz: app.tz, config: config.alerts, limits: view, snapshots: [...latest, ...history], costs, fired: fired.map((f) => f.key), lastActivityAt: active });
  report.skipped = decision.skipped;
  report.held = decision.held.map((a) => ({ key: a.key, title: a.title }));
  // claim first (atomic in the ledger): an alert goes out once however many watchers run, even after a restart
  const mine: Alert[] = [];
  for (const a of decision.send) {
    const claimed = await app.ledger.claimAlert(a.key, now, { kind: a.kind, window: a.window, title: a.title, message: a.message, ...a.detail });
    if (!claimed) {
      report.claimedElsewhere.push(a.key);
      continue;
    }
    for (const k of a.covers) await app.ledger.claimAlert(k, now, { kind: a.kind, window: a.window, coveredBy: a.key });
    mine.push(a);
  }
  report.sent = await Promise.all(
    mine.map(async (a) => {
      const results = await o.deliver(a, config.alerts, now);
      for (const r of results) o.log(`${a.key} → ${r.channel} ${r.target}: ${r.ok ? 'sent' : `failed (${r.error})`}`);
      return { key: a.key, kind: a.kind, window: a.window, title: a.title, message: a.message, critical: a.critical, covers: a.covers, results };
    }),
  );
  return report;
}

export interface LoopOptions {
  /** The clock alerts are judged by (CCMETER_NOW in tests). */
  now: () => number;
  env: Record<string, string | undefined>;
  deliver: Deliver;
  log: (line: string) => void;
  /** Wall-clock ms between cycle starts. */
  cycleMs: number;
  signal: AbortSignal;
}

/** Cycles until `signal` aborts; the cycle under way finishes its writes first. Closes the ledger. */
export async function runLoop(app: AppContext, o: LoopOptions): Promise<void> {
  let first = true;
  try {
    while (!o.signal.aborted) {
      const started = Date.now();
      await reloadConfig(app, o.log);
      await runCycle(app, { now: o.now(), env: o.env, deliver: o.deliver, ingest: !first, log: o.log }).catch((e) => o.log(`cycle failed: ${(e as Error)?.message ?? String(e)}`));
      first = false;
      await sleepUntil(started + o.cycleMs, o.cycleMs, o.signal);
    }
  } finally {
    await app.close();
  }
}

/** Picks up edits to the config file; an invalid file is logged and the last good config kept. */
async function reloadConfig(app: AppContext, log: (line: string) => void): Promise<void> {
  await loadConfig(app.paths.config).then((c) => (app.config = c), (e) => log(`config not reloaded: ${(e as Error).message}`));
}

/**
 * Waits until the wall clock reaches `target`, in short naps, so that a machine waking from sleep (when
 * timers stall) runs the next cycle at once; a clock set back by more than a cycle does not stall it either.
 */
async function sleepUntil(target: number, cycleMs: number, signal: AbortSignal): Promise<void> {
  const { setTimeout: nap } = await import('node:timers/promises');
  for (;;) {
    const left = target - Date.now();
    if (left <= 0 || left > cycleMs || signal.aborted) return;
    await nap(Math.min(left, 5_000), undefined, { signal }).catch(() => undefined);
  }
}
