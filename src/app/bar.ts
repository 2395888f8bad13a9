// What the menu-bar and panel formats (`ccmeter bar --format …`) show: one object, several renderers. Built
// from stored values only (no log reading), so a bar answers as fast as the statusline on any history;
// the statusline and every other command keep the stored values current.
import type { Ledger } from '../ledger/ledger.ts';
import type { LimitWindowView } from '../model/limits.ts';
import { addDays, localDate, localMidnight } from '../shared/tz.ts';
import { limitsAndBlocks } from './limits.ts';

export interface BarPeriod {
  /** First local date of the period. */
  from: string;
  requests: number;
  costUSD: number;
}

/** The model every bar format renders (`ccmeter bar --format json` prints it). */
export interface BarView {
  generatedAt: string;
  tz: string;
  /** Every limit window: official values (with their age), else calibrated estimates. */
  windows: LimitWindowView[];
  /** The window that would lock the user out first. */
  binding: LimitWindowView | null;
  today: BarPeriod;
  month: BarPeriod;
  /** The current 5-hour block of local activity. */
  activeBlock: { costUSD: number; costPerHour: number | null; endsAt: string; official: boolean } | null;
  /** When the newest stored request was made (how current the costs are). */
  lastRequestAt: string | null;
  /** One line of plan advice, when the caller has one (see `ccmeter plan`). */
  planVerdict: string | null;
  /** False when nothing is stored yet: no requests and no limit readings. */
  hasData: boolean;
  notes: string[];
}

export async function barView(ledger: Ledger, now: number, tz: string): Promise<BarView> {
  const today = localDate(tz, now);
  const monthFrom = today.slice(0, 8) + '01';
  const tomorrow = localMidnight(tz, addDays(today, 1));
  const [{ view, blocks }, day, month, last] = await Promise.all([
    limitsAndBlocks(ledger, now),
    ledger.rollup({ groupBy: 'all', tz, since: localMidnight(tz, today), until: tomorrow }),
    ledger.rollup({ groupBy: 'all', tz, since: localMidnight(tz, monthFrom), until: tomorrow }),
    ledger.latestRequests(1),
  ]);
  const sum = (from: string, rows: typeof day): BarPeriod => ({ from, requests: rows.reduce((n, r) => n + r.requests, 0), costUSD: rows.reduce((n, r) => n + r.costUSD, 0) });
  const active = blocks.blocks.find((b) => b.active);
  return {
    generatedAt: new Date(now).toISOString(),
    tz,
    windows: view.windows,
    binding: view.windows.find((w) => w.binding) ?? null,
    today: sum(today, day),
    month: sum(monthFrom, month),
    activeBlock: active ? { costUSD: active.costUSD, costPerHour: active.burnRate?.costPerHour ?? null, endsAt: active.end, official: active.official } : null,
    lastRequestAt: last[0] ? new Date(last[0].ts).toISOString() : null,
    planVerdict: null,
    hasData: view.windows.length > 0 || last.length > 0,
    notes: view.notes,
  };
}

/** The view before anything is stored (no ledger file yet): every format still prints a sensible line. */
export function emptyBarView(now: number, tz: string): BarView {
  const today = localDate(tz, now);
  const zero = (from: string): BarPeriod => ({ from, requests: 0, costUSD: 0 });
  return {
    generatedAt: new Date(now).toISOString(),
    tz,
    windows: [],
    binding: null,
    today: zero(today),
    month: zero(today.slice(0, 8) + '01'),
    activeBlock: null,
    lastRequestAt: null,
    planVerdict: null,
    hasData: false,
    notes: [],
  };
}
