// Limit gauges (percent used, reset countdown, source and age, stale values marked, pace) and the history
// of each window from the stored snapshots. Countdowns and ages tick in the page between refreshes,
// counted from the server's clock at load time.
import type { LimitWindowView, LimitsView, Pace } from '../../../../model/limits.ts';
import type { LimitHistoryView } from '../api.ts';
import { percentLines } from '../chart.ts';
import { h, replace } from '../dom.ts';
import { formatDuration, formatPercent, formatTime, formatUSD } from '../format.ts';
import { simpleTable } from '../table.ts';
import { PALETTE } from '../theme.ts';

const level = (p: number) => (p >= 90 ? 'critical' : p >= 75 ? 'high' : p >= 50 ? 'medium' : 'low');

interface Ticker {
  el: HTMLElement;
  /** Server-clock ms the text counts to (countdown) or from (age). */
  at: number;
  kind: 'until' | 'since';
}

let tickers: Ticker[] = [];
let clock = { server: 0, loaded: 0 };

/** Rewrites countdowns and ages for the time elapsed since the data was loaded. */
export function tickLimits(): void {
  const now = clock.server + (Date.now() - clock.loaded);
  for (const t of tickers) t.el.textContent = formatDuration(t.kind === 'until' ? t.at - now : now - t.at);
}

function ticking(at: number, kind: Ticker['kind']): HTMLElement {
  const el = h('span', { class: 'tick' });
  tickers.push({ el, at, kind });
  return el;
}

function sourceText(w: LimitWindowView): string {
  if (w.source === 'estimate') return 'estimate from your logs';
  return `official (${w.source === 'oauth' ? 'usage endpoint' : 'statusline'})`;
}

function paceLine(p: Pace): HTMLElement {
  if (p.runsOutBeforeReset && p.runsOutAt) return h('p', { class: 'pace bad' }, 'At this pace it runs out in ', ticking(Date.parse(p.runsOutAt), 'until'), ', before the reset');
  return h('p', { class: 'pace muted' }, `Pace ${p.percentPerHour.toFixed(1)}%/h`, p.projectedAtReset !== null ? `, about ${formatPercent(Math.min(999, p.projectedAtReset))} at the reset` : '');
}

function gauge(w: LimitWindowView): HTMLElement {
  const percent = w.usedPercent;
  const fill = h('div', { class: `fill ${percent === null ? '' : level(percent)}` });
  fill.style.width = `${Math.min(100, Math.max(0, percent ?? 0))}%`;
  const meter = h(
    'div',
    { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent ?? undefined, 'aria-valuetext': percent === null ? 'unknown' : `${formatPercent(percent)} used`, 'aria-labelledby': `gauge-${w.window}` },
    fill,
  );
  const pace = w.pace;
  return h(
    'div',
    { class: `gauge${w.stale ? ' stale' : ''}${w.binding ? ' binding' : ''}`, 'data-window': w.window },
    h('h3', { id: `gauge-${w.window}` }, w.label, w.binding ? h('span', { class: 'badge', title: 'the window that would lock you out first' }, 'binding') : null),
    h('p', { class: 'big' }, percent === null ? '?' : formatPercent(percent), w.source === 'estimate' ? h('span', { class: 'badge' }, 'estimate') : null),
    meter,
    w.group === 'extra' && w.usedUSD != null ? h('p', {}, `${formatUSD(w.usedUSD)}${w.limitUSD != null ? ` of ${formatUSD(w.limitUSD)}` : ''}`) : null,
    w.resetsAt ? h('p', {}, 'resets in ', ticking(Date.parse(w.resetsAt), 'until'), h('span', { class: 'muted' }, ` (${formatTime(w.resetsAt)})`)) : h('p', { class: 'muted' }, 'reset time unknown'),
    h('p', { class: 'muted' }, sourceText(w)),
    w.observedAt ? h('p', { class: 'muted age' }, 'seen ', ticking(Date.parse(w.observedAt), 'since'), ' ago', w.stale ? h('span', { class: 'badge warn' }, 'stale') : null) : null,
    pace && percent !== null ? paceLine(pace) : null,
  );
}

export function renderLimits(el: HTMLElement, view: LimitsView, loadedAt: number): void {
  tickers = [];
  clock = { server: Date.parse(view.generatedAt), loaded: loadedAt };
  replace(
    el,
    view.windows.length ? h('div', { class: 'gauges' }, ...view.windows.map(gauge)) : null,
    ...view.notes.map((n) => h('p', { class: 'muted' }, n)),
  );
  tickLimits();
}

export function renderLimitHistory(chartEl: HTMLElement, tableEl: HTMLElement, history: LimitHistoryView): number[][] {
  const times = [...new Set(history.windows.flatMap((w) => w.points.map((p) => Date.parse(p.at) / 1000)))].sort((a, b) => a - b);
  const lines = history.windows.map((w, k) => {
    const byTime = new Map(w.points.map((p) => [Date.parse(p.at) / 1000, p.usedPercent]));
    return { label: w.label, color: PALETTE[k % PALETTE.length]!, values: times.map((t) => byTime.get(t) ?? null) };
  });
  if (times.length === 0) {
    replace(chartEl, h('p', { class: 'muted' }, 'No official limit readings in this period. Install the statusline (`ccmeter statusline install`) to record them.'));
    replace(tableEl);
    return [];
  }
  percentLines(chartEl, times, lines);
  const rows = history.windows.map((w) => {
    const values = w.points.map((p) => p.usedPercent).filter((v): v is number => v !== null);
    const last = w.points[w.points.length - 1];
    return [w.label, values.length ? formatPercent(Math.min(...values)) : '–', values.length ? formatPercent(Math.max(...values)) : '–', last?.usedPercent != null ? formatPercent(last.usedPercent) : '–', last ? formatTime(last.at) : '–'];
  });
  replace(tableEl, simpleTable(`Limit windows since ${formatTime(history.since)}`, ['Window', 'Lowest', 'Highest', 'Latest', 'Seen'], rows));
  return lines.map((l) => l.values.map((v) => v ?? NaN));
}
