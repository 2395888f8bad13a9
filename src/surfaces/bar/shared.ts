// Pieces every bar format shares: the threshold level of a percentage, short window names, the one-line
// summary a panel shows, and reset times in the user's zone. Formats differ only in syntax.
import type { BarView } from '../../app/bar.ts';
import type { LimitWindowView } from '../../model/limits.ts';
import { formatDuration, formatUSD } from '../render/format.ts';
import { clockTime as clockAt } from '../render/clock.ts';
import { percentText } from '../render/limits.ts';

/** The same thresholds as the terminal colours (render/limits.ts levelStyle). */
export type Level = 'ok' | 'warning' | 'high' | 'critical' | 'unknown';

export function levelOf(percent: number | null | undefined): Level {
  if (percent === null || percent === undefined) return 'unknown';
  if (percent >= 90) return 'critical';
  if (percent >= 75) return 'high';
  if (percent >= 50) return 'warning';
  return 'ok';
}

export const LEVEL_HEX: Record<Level, string> = { ok: '#3fb950', warning: '#d29922', high: '#db6d28', critical: '#f85149', unknown: '#8b949e' };

/** Options a renderer may need besides the view: how to run this ccmeter (for menu actions). */
export interface BarContext {
  /** Absolute paths: the Node binary and bin/ccmeter.js. */
  node: string;
  script: string;
}

export type BarRenderer = (v: BarView, ctx: BarContext) => string;

const SHORT: Record<string, string> = { five_hour: '5h', seven_day: '7d' };

export function shortName(w: LimitWindowView): string {
  return SHORT[w.window] ?? (w.window.startsWith('seven_day_') ? `7d ${w.window.slice('seven_day_'.length).replace(/_/g, ' ')}` : w.label);
}

/** "5h 42%" plus the countdown "↻1h20m" and, for an old value, its age. */
export function windowShort(w: LimitWindowView, countdown = true): string {
  let text = `${shortName(w)} ${percentText(w)}`;
  if (countdown && w.resetsInMs !== null) text += ` ↻${formatDuration(w.resetsInMs).replace(' ', '')}`;
  if (w.stale && w.ageMs !== null) text += ` (${formatDuration(w.ageMs).replace(' ', '')} old)`;
  return text;
}

/** The binding window, else today's cost, else "no data": what a panel shows first. */
export function headline(v: BarView): string {
  if (v.binding) return windowShort(v.binding);
  if (v.hasData) return `${formatUSD(v.today.costUSD)} today`;
  return 'ccmeter: no data';
}

/** Headline, the other main windows, today's cost: for one-line panels (polybar, i3blocks, tmux). */
export function summaryParts(v: BarView): { text: string; level: Level }[] {
  const parts: { text: string; level: Level }[] = [];
  const main = v.windows.filter((w) => w.binding || (w.window in SHORT && w.group !== 'extra'));
  for (const w of main) parts.push({ text: windowShort(w, w.binding), level: levelOf(w.usedPercent) });
  if (v.hasData) parts.push({ text: `${formatUSD(v.today.costUSD)} today`, level: 'unknown' });
  else parts.push({ text: 'ccmeter: no data', level: 'unknown' });
  return parts;
}

/** "Session (5h): 42% · resets in 1h 20m (14:00) · statusline, 2m ago". */
export function windowDetail(w: LimitWindowView, v: BarView): string {
  const parts = [`${w.label}${w.binding ? ' ◀' : ''}: ${percentText(w)}`];
  if (w.group === 'extra' && typeof w.usedUSD === 'number') parts[0] += ` (${formatUSD(w.usedUSD)}${w.limitUSD ? ` of ${formatUSD(w.limitUSD)}` : ''})`;
  if (w.resetsAt !== null && w.resetsInMs !== null) parts.push(`resets in ${formatDuration(w.resetsInMs)} (${clockTime(w.resetsAt, v)})`);
  parts.push(w.source === 'estimate' ? 'estimate from your logs' : `${w.source}, ${formatDuration(w.ageMs ?? 0)} ago${w.stale ? ' (stale)' : ''}`);
  if (w.pace?.runsOutBeforeReset && w.pace.runsOutAt) parts.push(`runs out in ${formatDuration(Date.parse(w.pace.runsOutAt) - Date.parse(v.generatedAt))}`);
  return parts.join(' · ');
}

/** Cost lines for tooltips and dropdowns. */
export function costLines(v: BarView): string[] {
  const lines = [`Today: ${formatUSD(v.today.costUSD)} (${v.today.requests} request${v.today.requests === 1 ? '' : 's'})`, `This month: ${formatUSD(v.month.costUSD)}`];
  const b = v.activeBlock;
  if (b) lines.push(`5-hour block: ${formatUSD(b.costUSD)}${b.costPerHour === null ? '' : `, ${formatUSD(b.costPerHour)}/h`}, ends ${clockTime(b.endsAt, v)}${b.official ? '' : ' (estimated)'}`);
  return lines;
}

/** What to do when nothing is stored yet. */
export const NO_DATA_HINT = 'No usage stored yet: run `ccmeter` once, and `ccmeter statusline install` for official limits.';

/** A reset or end time in the view's zone ("14:00", "Mon 14:00"). */
export function clockTime(iso: string, v: BarView): string {
  return clockAt(Date.parse(iso), Date.parse(v.generatedAt), v.tz);
}
