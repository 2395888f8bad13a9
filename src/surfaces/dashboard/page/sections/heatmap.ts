// When do I work: API-equivalent cost by weekday and hour of day over the picked range, from the hourly
// report (local hours of the report's zone). A table whose cells are shaded by cost: it is its own text
// alternative (each cell says its weekday, hour and amount).
import type { UsageReport } from '../api.ts';
import { h, replace } from '../dom.ts';
import { formatInt, formatUSD, WEEKDAYS, weekdayOf } from '../format.ts';
import { scrollBox } from '../table.ts';

/** cost[weekday 0 = Monday][hour], requests likewise. */
export interface HeatGrid {
  cost: number[][];
  requests: number[][];
}

export function heatGrid(report: UsageReport): HeatGrid {
  const cost = WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0));
  const requests = WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0));
  for (const r of report.rows) {
    const day = weekdayOf(r.key.slice(0, 10)), hour = Number(r.key.slice(11, 13));
    cost[day]![hour]! += r.costUSD;
    requests[day]![hour]! += r.requests;
  }
  return { cost, requests };
}

export function renderHeatmap(el: HTMLElement, g: HeatGrid, rangeText: string): void {
  const max = Math.max(0, ...g.cost.flat());
  const hours = Array.from({ length: 24 }, (_, i) => i);
  const cell = (day: number, hour: number) => {
    const c = g.cost[day]![hour]!;
    const td = h('td', { title: `${WEEKDAYS[day]} ${String(hour).padStart(2, '0')}:00 — ${formatUSD(c)}, ${formatInt(g.requests[day]![hour]!)} requests` }, h('span', { class: 'sr-only' }, formatUSD(c)));
    if (c > 0) td.style.background = `color-mix(in srgb, var(--heat) ${Math.round(12 + (c / max) * 88)}%, transparent)`;
    return td;
  };
  replace(
    el,
    scrollBox(
      'Cost by weekday and hour',
      h(
        'table',
        { class: 'heatmap' },
        h('caption', {}, `Cost by weekday and hour, ${rangeText}; darker is more`),
        h('thead', {}, h('tr', {}, h('td'), ...hours.map((hr) => h('th', { scope: 'col' }, hr % 3 === 0 ? String(hr) : h('span', { class: 'sr-only' }, String(hr)))))),
        h('tbody', {}, ...WEEKDAYS.map((d, day) => h('tr', {}, h('th', { scope: 'row' }, d), ...hours.map((hr) => cell(day, hr))))),
      ),
    ),
  );
}
