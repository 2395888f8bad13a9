// The overview (`ccmeter` with no command): today, this week and this month at a glance.
import type { Ledger } from '../ledger/ledger.ts';
import type { Block } from '../model/blocks.ts';
import type { LimitsView } from '../model/limits.ts';
import { addUsage, zeroUsage, type Usage } from '../model/usage.ts';
import { addDays, localDate, localMidnight } from '../shared/tz.ts';

export interface PeriodUsage extends Usage {
  /** Local dates covered, inclusive. */
  from: string;
  to: string;
}

/** The JSON shape of `ccmeter --json` (`overview`). */
export interface Overview {
  generatedAt: string;
  tz: string;
  today: PeriodUsage;
  week: PeriodUsage;
  month: PeriodUsage;
  /** Everything in the ledger; first and last activity as local dates (null when the ledger is empty). */
  allTime: { requests: number; costUSD: number; firstActivity: string | null; lastActivity: string | null };
  /** The last 7 local days, oldest first. */
  recentDays: { date: string; requests: number; costUSD: number }[];
  /** Every limit window (the `ccmeter limits` view). */
  limits: LimitsView;
  /** The current 5-hour block, if there is activity in it. */
  activeBlock: Block | null;
  warnings: string[];
}

export async function costOverview(ledger: Ledger, now: number, tz: string, weekStart: number): Promise<Omit<Overview, 'warnings' | 'limits' | 'activeBlock'>> {
  const today = localDate(tz, now);
  const weekday = new Date(today + 'T00:00:00Z').getUTCDay();
  const weekFrom = addDays(today, -((weekday - weekStart + 7) % 7));
  const monthFrom = today.slice(0, 8) + '01';
  const earliest = [weekFrom, monthFrom, addDays(today, -6)].sort()[0]!;
  const cells = await ledger.rollup({ groupBy: 'day', tz, since: localMidnight(tz, earliest), until: localMidnight(tz, addDays(today, 1)) });
  const period = (from: string): PeriodUsage => {
    const u = zeroUsage();
    for (const c of cells) if (c.key >= from && c.key <= today) addUsage(u, c);
    return { ...u, from, to: today };
  };
  const recentDays = [];
  for (let i = 6; i >= 0; i--) {
    const date = addDays(today, -i);
    const u = zeroUsage();
    for (const c of cells) if (c.key === date) addUsage(u, c);
    recentDays.push({ date, requests: u.requests, costUSD: u.costUSD });
  }
  const all = await ledger.rollup({ groupBy: 'all', tz });
  const allTime = {
    requests: all.reduce((n, r) => n + r.requests, 0),
    costUSD: all.reduce((n, r) => n + r.costUSD, 0),
    firstActivity: all.length ? localDate(tz, Math.min(...all.map((r) => r.firstTs))) : null,
    lastActivity: all.length ? localDate(tz, Math.max(...all.map((r) => r.lastTs))) : null,
  };
  return { generatedAt: new Date(now).toISOString(), tz, today: period(today), week: period(weekFrom), month: period(monthFrom), allTime, recentDays };
}
