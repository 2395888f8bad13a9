// The live view's screen as lines of styled segments, from the watch view and the terminal size. Pure, so
// the layout is the same in a test and on screen; screen.ts only hands the lines to Ink.
import type { LatestRequest, WatchView } from '../../app/watch.ts';
import type { LimitWindowView } from '../../model/limits.ts';
import { formatCompact, formatDuration, formatUSD, shortModel, wrap } from '../render/format.ts';
import { clockTime, formatIn } from '../render/clock.ts';
import { bar, levelStyle, percentText } from '../render/limits.ts';

export interface Segment {
  text: string;
  color?: 'red' | 'magenta' | 'yellow' | 'green' | 'gray' | 'cyan';
  bold?: boolean;
}
export type Line = Segment[];

export interface FrameSize {
  width: number;
  height: number;
}

const s = (text: string, color?: Segment['color'], bold?: boolean): Segment => ({ text, ...(color ? { color } : {}), ...(bold ? { bold } : {}) });
const fit = (text: string, n: number) => (text.length > n ? text.slice(0, Math.max(0, n - 1)) + '…' : text.padEnd(n));

export function clock(ms: number, tz: string, seconds = false): string {
  return formatIn(tz, seconds ? 'hms' : 'hm').format(ms);
}

/** The whole screen: at most `height` lines; the latest requests fill what the other sections leave. */
export function buildFrame(view: WatchView, size: FrameSize, status: string): Line[] {
  const now = Date.parse(view.generatedAt);
  const top: Line[] = [
    [s('ccmeter watch', 'cyan', true), s(`  ${view.tz} · updated ${clock(now, view.tz, true)}${status ? ` · ${status}` : ''}`, 'gray'), s('   q quit · r refresh', 'gray')],
    [],
    [s('Limits', undefined, true)],
    ...limitLines(view, size.width, now),
    [],
    blockLine(view, now),
    [],
    ...timelineLines(view, size.width),
    [],
    ...todayLines(view),
  ];
  const room = size.height - top.length - 2;
  if (room < 1) return top.slice(0, size.height);
  const latest = view.latest.slice(0, room);
  // today's requests by the second; once the list reaches another day, every row carries its date
  const day = formatIn(view.tz, 'day');
  const today = day.format(now);
  const dated = latest.some((r) => day.format(r.ts) !== today);
  const when = (ts: number) => (dated ? `${day.format(ts).slice(5)} ${clock(ts, view.tz)}` : clock(ts, view.tz, true));
  return [...top, [], [s('Latest requests', undefined, true), ...(latest.length ? [] : [s('  none yet', 'gray')])], ...latest.map((r) => latestLine(r, when(r.ts), size.width))];
}

/** Columns besides the bar: label, percent, reset, source and age; the pace adds PACE when there is room. */
const FIXED = 78;
const PACE = 26;

function limitLines(view: WatchView, width: number, now: number): Line[] {
  if (view.limits.windows.length === 0) return view.limits.notes.flatMap((n) => wrap(n, width - 4).map((l) => [s(`  ${l}`, 'gray')]));
  const layout: Layout = width - FIXED - PACE >= 12 ? { bar: Math.min(30, width - FIXED - PACE), pace: true, narrow: false } : width >= 90 ? { bar: Math.min(30, width - FIXED), pace: false, narrow: false } : { bar: 8, pace: false, narrow: true };
  return [...view.limits.windows.map((w) => limitLine(w, view.tz, layout, now)), ...view.limits.notes.flatMap((n) => wrap(n, width - 4).map((l) => [s(`  ${l}`, 'gray')]))];
}

interface Layout {
  bar: number;
  pace: boolean;
  /** Below 90 columns: short countdown and age. */
  narrow: boolean;
}

function limitLine(w: LimitWindowView, tz: string, layout: Layout, now: number): Line {
  const label = fit(`${w.label}${w.binding ? ' ◀' : ''}`, layout.narrow ? 17 : 19);
  const value = w.usedPercent === null ? s(`${' '.repeat(layout.bar)}    ?`) : s(`${bar(w.usedPercent, layout.bar)} ${percentText(w).padStart(4)}`, levelStyle(w.usedPercent) as Segment['color']);
  const inMs = w.resetsInMs ?? 0;
  const reset = w.resetsAt === null ? '' : layout.narrow ? `↻${formatDuration(inMs).replace(' ', '')}` : `resets in ${formatDuration(inMs)} (${clockTime(Date.parse(w.resetsAt), now, tz)})`;
  const ago = `${formatDuration(w.ageMs ?? 0)} ago`;
  const age = w.source === 'estimate' ? 'estimate' : layout.narrow ? ago : `${w.source}, ${ago}`;
  const line: Line = [s(`  ${label} `), value, s(`  ${reset.padEnd(layout.narrow ? 8 : 28)}  `), s(w.stale ? `${age} (stale)` : age, w.stale ? 'yellow' : 'gray')];
  if (layout.pace && w.pace) line.push(s(`${' '.repeat(Math.max(2, 20 - age.length))}${paceText(w, now)}`, w.pace.runsOutBeforeReset ? 'red' : 'gray'));
  return line;
}

function paceText(w: LimitWindowView, now: number): string {
  const p = w.pace!;
  if (p.percentPerHour <= 0) return 'not rising';
  const rate = `+${p.percentPerHour.toFixed(p.percentPerHour < 10 ? 1 : 0)}%/h`;
  return p.runsOutAt && p.runsOutBeforeReset ? `${rate}, out in ${formatDuration(Date.parse(p.runsOutAt) - now)}` : `${rate}, lasts to reset`;
}

function blockLine(view: WatchView, now: number): Line {
  const b = view.activeBlock;
  if (!b) return [s('5-hour block', undefined, true), s('  no activity in the current window', 'gray')];
  const parts = [`${formatUSD(b.costUSD)} so far`];
  if (b.burnRate) parts.push(`${formatUSD(b.burnRate.costPerHour)}/h`);
  if (b.projection) parts.push(`~${formatUSD(b.projection.costUSD)} at its end`);
  parts.push(`${formatDuration(Date.parse(b.end) - now)} left (${clockTime(Date.parse(b.end), now, view.tz)})`);
  return [s('5-hour block', undefined, true), s(`  ${parts.join(' · ')}`), s(b.official ? '' : '  estimated', 'gray')];
}

const TICKS = '▁▂▃▄▅▆▇█';

function timelineLines(view: WatchView, width: number): Line[] {
  const buckets = view.timeline;
  const max = Math.max(0, ...buckets.map((b) => b.costUSD));
  const per = Math.max(1, Math.min(3, Math.floor((width - 16) / Math.max(1, buckets.length))));
  const spark = buckets.map((b) => (b.costUSD <= 0 ? ' ' : TICKS[Math.min(7, Math.floor((b.costUSD / max) * 7.999))]!).repeat(per)).join('');
  const total = buckets.reduce((n, b) => n + b.costUSD, 0);
  const first = buckets[0] ? clock(Date.parse(buckets[0].start), view.tz) : '';
  const hours = Math.round((buckets.length * 15) / 60);
  return [
    [s(`Last ${hours} hours`, undefined, true), s(`  ${formatUSD(total)} · peak ${formatUSD(max)} per 15 min`, 'gray')],
    [s('  '), s(`▕${spark}▏`, 'cyan')],
    [s(`  ${first.padEnd(spark.length - 1)}now`, 'gray')],
  ];
}

function todayLines(view: WatchView): Line[] {
  const t = view.today;
  const models = t.models.slice(0, 4);
  const max = Math.max(0, ...models.map((m) => m.costUSD));
  return [
    [s('Today', undefined, true), s(`  ${formatUSD(t.costUSD)} · ${t.requests} requests`)],
    ...models.map((m) => [s(`  ${fit(shortModel(m.model), 18)}${formatUSD(m.costUSD).padStart(10)}${String(m.requests).padStart(7)} req  `), s(max > 0 ? '■'.repeat(Math.max(1, Math.round((m.costUSD / max) * 12))) : '', 'cyan')]),
  ];
}

function latestLine(r: LatestRequest, when: string, width: number): Line {
  const tokens = `${formatCompact(r.inputTokens + r.cacheCreationTokens + r.cacheReadTokens)} in · ${formatCompact(r.outputTokens)} out`;
  const line: Line = [s(`  ${when}  `, 'gray'), s(fit(shortModel(r.model), 16)), s(` ${fit(r.projectName, width >= 100 ? 20 : 12)}`), s(formatUSD(r.costUSD).padStart(9))];
  line.push(s(`  ${tokens}${r.agent ? ' · agent' : ''}`, 'gray'));
  return line;
}
