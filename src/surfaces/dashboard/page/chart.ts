// The page's charts, drawn with uPlot: stacked bars (cost by model per day) and stepped lines (limit
// windows over time). Colours come from the theme's CSS variables; each chart follows its container's
// width. Every chart on the page also has a table with the same numbers (charts are images to a screen reader).
import uPlot from 'uplot';
import { cssVar } from './theme.ts';

export interface Layer {
  label: string;
  color: string;
  values: number[];
}

const observers = new WeakMap<HTMLElement, ResizeObserver>();

function mount(el: HTMLElement, opts: Omit<uPlot.Options, 'width'>, data: uPlot.AlignedData): uPlot {
  observers.get(el)?.disconnect();
  el.replaceChildren();
  const plot = new uPlot({ ...opts, width: Math.max(280, el.clientWidth) }, data, el);
  const observer = new ResizeObserver(() => {
    if (el.clientWidth > 0 && Math.abs(el.clientWidth - plot.width) > 2) plot.setSize({ width: Math.max(280, el.clientWidth), height: opts.height });
  });
  observer.observe(el);
  observers.set(el, observer);
  return plot;
}

function axes(format: (n: number) => string): uPlot.Axis[] {
  const stroke = cssVar('--muted'), grid = { stroke: cssVar('--grid'), width: 1 }, ticks = { stroke: cssVar('--grid'), width: 1 };
  return [
    { stroke, grid, ticks },
    { stroke, grid, ticks, size: 64, values: (_u, vals) => vals.map(format) },
  ];
}

/** Bars stacked bottom-up in `layers` order. `x`: seconds (UTC midnights); `readout` shows the hovered day. */
export function stackedBars(el: HTMLElement, x: number[], layers: readonly Layer[], format: (n: number) => string, readout: (i: number | null) => void): uPlot {
  const sums: number[][] = [];
  layers.forEach((l, k) => sums.push(l.values.map((v, i) => v + (k > 0 ? sums[k - 1]![i]! : 0))));
  const top = Math.max(0, ...(sums[sums.length - 1] ?? [0]));
  const bars = uPlot.paths.bars!({ size: [0.72, 56], gap: 1 });
  // drawn tallest first, so each lower layer paints over the one above it
  const order = layers.map((_, k) => k).reverse();
  const half = 43_200;
  return mount(
    el,
    {
      height: 280,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
      scales: { x: { time: true, range: () => [(x[0] ?? 0) - half, (x[x.length - 1] ?? 0) + half] }, y: { range: () => [0, top > 0 ? top * 1.08 : 1] } },
      axes: axes(format),
      series: [{}, ...order.map((k) => ({ label: layers[k]!.label, stroke: layers[k]!.color, fill: layers[k]!.color, width: 0, paths: bars, points: { show: false } }))],
      hooks: { setCursor: [(u: uPlot) => readout(u.cursor.idx ?? null)] },
    },
    [x, ...order.map((k) => sums[k]!)],
  );
}

/** Stepped lines on a 0–100 % scale; `x` in seconds, null where a series has no value. */
export function percentLines(el: HTMLElement, x: number[], lines: readonly { label: string; color: string; values: (number | null)[] }[]): uPlot {
  const stepped = uPlot.paths.stepped!({ align: 1 });
  return mount(
    el,
    {
      height: 240,
      legend: { show: true, live: true },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true }, y: { range: [0, 100] } },
      axes: axes((n) => `${n}%`),
      // points show where readings are sparse (a window seen once is a dot)
      series: [{}, ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 2, paths: stepped, spanGaps: false, points: { size: 6, fill: l.color }, value: (_u: uPlot, v: number | null) => (v === null ? '–' : `${v.toFixed(1)}%`) }))],
    },
    [x, ...lines.map((l) => l.values)] as uPlot.AlignedData,
  );
}
