// Waybar custom module (https://github.com/Alexays/Waybar/wiki/Module:-Custom) with `"return-type": "json"`:
// one JSON object on one line with `text`, `tooltip`, `class` (for CSS: ok, warning, high, critical,
// nodata), `percentage` (0–100, an integer, for `format-icons`) and `alt`. Text and tooltip are Pango
// markup, so `&`, `<` and `>` are escaped.
import type { BarView } from '../../app/bar.ts';
import { costLines, headline, levelOf, NO_DATA_HINT, windowDetail } from './shared.ts';

/** The JSON object Waybar reads. */
export interface WaybarOutput {
  text: string;
  alt: string;
  tooltip: string;
  class: 'ok' | 'warning' | 'high' | 'critical' | 'nodata';
  percentage: number;
}

const pango = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function waybarOutput(v: BarView): WaybarOutput {
  const b = v.binding;
  const level = levelOf(b?.usedPercent ?? null);
  const cls = level === 'unknown' ? (v.hasData && b ? 'ok' : 'nodata') : level;
  const tooltip = v.hasData ? [...v.windows.map((w) => windowDetail(w, v)), ...v.notes, ...costLines(v), ...(v.planVerdict ? [`Plan: ${v.planVerdict}`] : [])] : [NO_DATA_HINT];
  return {
    text: pango(headline(v)),
    alt: b?.window ?? 'none',
    tooltip: pango(tooltip.join('\n')),
    class: cls,
    percentage: Math.max(0, Math.min(100, Math.round(b?.usedPercent ?? 0))),
  };
}

export function waybar(v: BarView): string {
  return JSON.stringify(waybarOutput(v));
}
