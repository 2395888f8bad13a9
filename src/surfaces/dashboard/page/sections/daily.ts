// Daily cost stacked by model, over the picked range: every day of the range (days without use are 0),
// the six most expensive models of the range by name and the rest as "other"; a table gives the same numbers.
import type { UsageReport } from '../api.ts';
import { stackedBars } from '../chart.ts';
import { h, replace } from '../dom.ts';
import { addDays, dateSeconds, formatUSD, shortModel } from '../format.ts';
import { simpleTable } from '../table.ts';
import { PALETTE } from '../theme.ts';

const SHOWN_MODELS = 6;

export interface DailySeries {
  dates: string[];
  totals: number[];
  models: { model: string; values: number[] }[];
}

/** `report`: `/api/daily?breakdown` for [from, to]. */
export function dailySeries(report: UsageReport, from: string, to: string): DailySeries {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  const index = new Map(dates.map((d, i) => [d, i]));
  const byModel = new Map<string, number[]>();
  const totals = dates.map(() => 0);
  for (const row of report.rows) {
    const i = index.get(row.key);
    if (i === undefined) continue;
    totals[i] = row.costUSD;
    for (const m of row.breakdown ?? []) {
      const values = byModel.get(m.model) ?? dates.map(() => 0);
      values[i] = (values[i] ?? 0) + m.costUSD;
      byModel.set(m.model, values);
    }
  }
  const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
  const ranked = [...byModel].sort((a, b) => sum(b[1]) - sum(a[1]));
  const models = ranked.slice(0, SHOWN_MODELS).map(([model, values]) => ({ model: shortModel(model), values }));
  const rest = ranked.slice(SHOWN_MODELS);
  if (rest.length) models.push({ model: `${rest.length} other model${rest.length > 1 ? 's' : ''}`, values: dates.map((_, i) => rest.reduce((s, [, v]) => s + v[i]!, 0)) });
  return { dates, totals, models };
}

export function renderDaily(els: { chart: HTMLElement; legend: HTMLElement; readout: HTMLElement; table: HTMLElement }, s: DailySeries, rangeText: string): void {
  const layers = s.models.map((m, k) => ({ label: m.model, color: PALETTE[k % PALETTE.length]!, values: m.values }));
  const total = s.totals.reduce((a, b) => a + b, 0);
  const readout = (i: number | null) => {
    const date = i === null ? undefined : s.dates[i];
    els.readout.textContent = date === undefined ? `${rangeText}: ${formatUSD(total)}` : `${date}: ${formatUSD(s.totals[i!]!)}` + layers.filter((l) => l.values[i!]! > 0).map((l) => ` · ${l.label} ${formatUSD(l.values[i!]!)}`).join('');
  };
  stackedBars(els.chart, s.dates.map(dateSeconds), layers, (n) => formatUSD(n).replace(/\.00$/, ''), readout);
  readout(null);
  replace(
    els.legend,
    ...layers.map((l) => {
      const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = l.color;
      return h('li', {}, swatch, `${l.label} ${formatUSD(l.values.reduce((a, b) => a + b, 0))}`);
    }),
  );
  const rows = s.dates
    .map((d, i) => [d, formatUSD(s.totals[i]!), ...layers.map((l) => formatUSD(l.values[i]!))])
    .filter((_, i) => s.totals[i]! > 0)
    .reverse();
  replace(els.table, simpleTable(`Cost per day by model, ${rangeText} (days with use, newest first)`, ['Date', 'Total', ...layers.map((l) => l.label)], rows));
}
