// The overview: what `ccmeter` prints, as cards: today, this week, this month, all time, the last 7 days,
// the active 5-hour block, and the warnings.
import type { Overview } from '../api.ts';
import { h, replace } from '../dom.ts';
import { formatDuration, formatInt, formatTime, formatUSD } from '../format.ts';
import { simpleTable } from '../table.ts';

function card(title: string, value: string, detail: string, id: string): HTMLElement {
  return h('div', { class: 'card', id }, h('h3', {}, title), h('p', { class: 'big' }, value), h('p', { class: 'muted' }, detail));
}

export function renderOverview(el: HTMLElement, o: Overview): void {
  const period = (label: string, u: Overview['today'], id: string) =>
    card(label, formatUSD(u.costUSD), `${formatInt(u.requests)} requests · ${u.from === u.to ? u.from : `${u.from} to ${u.to}`}`, id);
  const max = Math.max(0, ...o.recentDays.map((d) => d.costUSD));
  const days = h(
    'div',
    { class: 'card wide' },
    h('h3', { id: 'recent-title' }, 'Last 7 days'),
    h(
      'ol',
      { class: 'minibars', 'aria-labelledby': 'recent-title' },
      ...o.recentDays.map((d) => {
        const bar = h('span', { class: 'minibar', 'aria-hidden': 'true' });
        bar.style.height = `${max > 0 ? Math.max(2, (d.costUSD / max) * 100) : 2}%`;
        return h('li', { title: `${d.date}: ${formatUSD(d.costUSD)}, ${formatInt(d.requests)} requests` }, h('span', { class: 'minibar-track' }, bar), h('span', { class: 'minibar-label' }, d.date.slice(5)), h('span', { class: 'sr-only' }, `: ${formatUSD(d.costUSD)}`));
      }),
    ),
  );
  // the whole ledger: for logs that stopped a while ago the periods above are all zero
  const a = o.allTime;
  const all = card('All time', formatUSD(a.costUSD), a.firstActivity ? `${formatInt(a.requests)} requests · ${a.firstActivity} to ${a.lastActivity}` : 'no requests yet', 'card-all');
  const b = o.activeBlock;
  const generated = Date.parse(o.generatedAt);
  const block = b
    ? card(
        'Active 5-hour block',
        formatUSD(b.costUSD),
        [
          `ends in ${formatDuration(Date.parse(b.end) - generated)}${b.official ? '' : ' (estimated start)'}`,
          b.burnRate ? `${formatUSD(b.burnRate.costPerHour)}/h` : '',
          b.projection ? `→ ${formatUSD(b.projection.costUSD)} at this pace` : '',
        ].filter(Boolean).join(' · '),
        'card-block',
      )
    : card('Active 5-hour block', '—', 'no activity in the current block', 'card-block');
  replace(
    el,
    h('div', { class: 'cards' }, period('Today', o.today, 'card-today'), period('This week', o.week, 'card-week'), period('This month', o.month, 'card-month'), all, block, days),
    h('details', {}, h('summary', {}, 'Last 7 days as a table'), simpleTable('Cost per day, last 7 days', ['Date', 'Requests', 'Cost'], o.recentDays.map((d) => [d.date, formatInt(d.requests), formatUSD(d.costUSD)]))),
    o.warnings.length ? h('ul', { class: 'warnings', 'aria-label': 'Warnings' }, ...o.warnings.map((w) => h('li', {}, w))) : null,
    h('p', { class: 'muted small' }, `API-equivalent cost, days in ${o.tz}. Data as of ${formatTime(o.generatedAt)}.`),
  );
}
