// Limit windows: official values from the ledger, pace from their recent history, and calibrated local
// estimates where no official value stands; 5-hour blocks from local activity.
import type { Ledger, RollupRow } from '../ledger/ledger.ts';
import { buildBlocks, type BlocksView } from '../model/blocks.ts';
import { calibrate, estimateWindow, weeklyInstance, type Calibration } from '../model/estimates.ts';
import { buildLimitsView, type LimitWindowView, type LimitsView } from '../model/limits.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far back calibration looks. */
const CALIBRATION_DAYS = 14;

/** Logged cost in (from, to] from minute cells, by binary search over cumulative sums. */
export function costIndex(cells: readonly RollupRow[]): (from: number, to: number) => number {
  const byMinute = new Map<number, number>();
  for (const c of cells) {
    const minute = Math.floor(c.firstTs / 60_000);
    byMinute.set(minute, (byMinute.get(minute) ?? 0) + c.costUSD);
  }
  const minutes = [...byMinute.keys()].sort((a, b) => a - b);
  const cumulative: number[] = [];
  let sum = 0;
  for (const m of minutes) cumulative.push((sum += byMinute.get(m)!));
  const upTo = (t: number) => {
    // cumulative cost of minutes strictly before t's minute, plus t's minute when t is past it
    let lo = 0, hi = minutes.length;
    const m = Math.floor(t / 60_000);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (minutes[mid]! <= m) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : cumulative[lo - 1]!;
  };
  return (from, to) => Math.max(0, upTo(to) - upTo(from));
}

export interface LimitsResult {
  view: LimitsView;
  calibrations: Calibration[];
  blocks: BlocksView;
}

/** Everything the limit displays need, at `now`. */
export async function limitsAndBlocks(ledger: Ledger, now: number): Promise<LimitsResult> {
  const since = now - CALIBRATION_DAYS * DAY;
  const [latest, history, minutes] = await Promise.all([
    ledger.latestLimitSnapshots(),
    ledger.limitHistory({ since }),
    ledger.rollup({ groupBy: 'minute', tz: 'UTC', since }),
  ]);
  const cost = costIndex(minutes);
  const fiveHourResets = history.filter((s) => s.window === 'five_hour' && s.resetsAt !== null).map((s) => s.resetsAt!);
  const blocks = buildBlocks(minutes, fiveHourResets, now);
  const calibrations = ['five_hour', 'seven_day'].map((w) => calibrate(history, w, cost)).filter((c): c is Calibration => c !== null);

  const estimates: LimitWindowView[] = [];
  const official = (w: string) => latest.some((s) => s.window === w && s.usedPercent !== null && (s.resetsAt === null || s.resetsAt > now));
  const calibration = (w: string) => calibrations.find((c) => c.window === w);
  const five = calibration('five_hour');
  const active = blocks.blocks.find((b) => b.active);
  if (five && active && !official('five_hour')) {
    const start = Date.parse(active.start), end = Date.parse(active.end);
    estimates.push(estimateWindow({ window: 'five_hour', start, end, costSinceStart: cost(start - 1, now), costLastHour: cost(now - HOUR, now), calibration: five, now }));
  }
  const week = calibration('seven_day');
  const lastWeekly = [...latest, ...history].filter((s) => s.window === 'seven_day' && s.resetsAt !== null).sort((a, b) => b.observedAt - a.observedAt)[0];
  if (week && lastWeekly && !official('seven_day')) {
    const { start, end } = weeklyInstance(lastWeekly.resetsAt!, now);
    estimates.push(estimateWindow({ window: 'seven_day', start, end, costSinceStart: cost(start, now), costLastHour: cost(now - HOUR, now), calibration: week, now }));
  }
  const view = buildLimitsView({ latest, history: history.filter((s) => s.observedAt >= now - HOUR), now, estimates });
  if (view.windows.length === 0) {
    view.notes.push(
      'No official limit data yet. Run `ccmeter statusline install` (Claude Code then reports your 5-hour and weekly use after each message), or log in to Claude Code so ccmeter can read the usage endpoint.',
    );
  }
  return { view, calibrations, blocks };
}
