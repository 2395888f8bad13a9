// Limit windows as text: bars coloured by threshold, reset countdowns, each value's source and age.
import type { Block } from '../../model/blocks.ts';
import type { LimitWindowView, LimitsView } from '../../model/limits.ts';
import { formatDuration, formatUSD, wrapPrefixed } from './format.ts';
import type { Painter, Style } from './style.ts';
import { renderTable } from './table.ts';

export function levelStyle(percent: number): Style {
  if (percent >= 90) return 'red';
  if (percent >= 75) return 'magenta';
  if (percent >= 50) return 'yellow';
  return 'green';
}

export function bar(percent: number, width: number): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return '▰'.repeat(filled) + '▱'.repeat(width - filled);
}

export function percentText(w: LimitWindowView): string {
  if (w.usedPercent === null) return '?';
  return `${w.source === 'estimate' ? '~' : ''}${Math.round(w.usedPercent)}%`;
}

function ageText(w: LimitWindowView): string {
  if (w.source === 'estimate') return 'estimate';
  return `${w.source} · ${w.ageMs === null ? '?' : formatDuration(w.ageMs)} ago${w.stale ? ', stale' : ''}`;
}

function paceText(w: LimitWindowView, now: number): string {
  if (!w.pace) return '';
  const p = w.pace;
  if (p.percentPerHour <= 0) return 'not rising';
  const rate = `+${p.percentPerHour.toFixed(p.percentPerHour < 10 ? 1 : 0)}%/h`;
  if (p.runsOutAt && p.runsOutBeforeReset) return `${rate} · out in ${formatDuration(Date.parse(p.runsOutAt) - now)}, before reset`;
  return `${rate} · lasts to reset`;
}

export function renderLimits(view: LimitsView, blocks: readonly Block[], painter: Painter, width: number, now: number): string {
  const out: string[] = [];
  if (view.windows.length > 0) {
    const table = renderTable(
      [
        { header: 'Limit', cell: (w: LimitWindowView) => (w.binding ? `${w.label} ◀` : w.label), flexible: true },
        { header: 'Used', cell: (w) => (w.usedPercent === null ? '   ?' : painter.paint(levelStyle(w.usedPercent), `${bar(w.usedPercent, 10)} ${percentText(w).padStart(4)}`)) },
        { header: 'Resets in', cell: (w) => (w.resetsInMs === null ? '' : `${formatDuration(w.resetsInMs)} (${shortTime(w.resetsAt!, now)})`) },
        { header: 'Source', cell: (w) => (w.stale ? painter.paint('yellow', ageText(w)) : ageText(w)) },
        { header: 'Pace', cell: (w) => (w.group === 'extra' ? money(w) : paceText(w, now)), flexible: true },
      ],
      view.windows,
      { width, painter },
    );
    out.push(table);
  }
  const active = blocks.find((b) => b.active);
  if (active) out.push(...wrapPrefixed(activeBlockLine(active, painter, now), width, '', '  '));
  for (const n of view.notes) out.push(...wrapPrefixed(n, width).map((l) => painter.paint('gray', l)));
  return out.join('\n');
}

function money(w: LimitWindowView): string {
  if (w.usedUSD === null || w.usedUSD === undefined) return '';
  return `${formatUSD(w.usedUSD)}${w.limitUSD ? ` of ${formatUSD(w.limitUSD)}` : ''} ${w.currency && w.currency !== 'USD' ? w.currency : ''}`.trim();
}

export function activeBlockLine(b: Block, painter: Painter, now: number): string {
  const left = Date.parse(b.end) - now;
  const burn = b.burnRate ? `, ${formatUSD(b.burnRate.costPerHour)}/h` : '';
  const proj = b.projection ? `, ~${formatUSD(b.projection.costUSD)} at its end` : '';
  return `Active 5-hour block${b.official ? '' : ' (estimated)'}: ${formatUSD(b.costUSD)} so far${burn}${proj}; ${formatDuration(left)} left`;
}

/** "14:00" today, "Mon 14:00" this week, else the date. */
function shortTime(iso: string, now: number): string {
  const d = new Date(iso);
  const hhmm = d.toTimeString().slice(0, 5);
  const days = (d.getTime() - now) / 86_400_000;
  if (days < 1 && d.getDate() === new Date(now).getDate()) return hhmm;
  if (days < 7) return `${d.toLocaleDateString('en-US', { weekday: 'short' })} ${hhmm}`;
  return d.toISOString().slice(0, 10);
}
