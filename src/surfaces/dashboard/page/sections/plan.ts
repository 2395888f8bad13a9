// The plan comparison (`ccmeter plan`): the recommendation and its reasons, then every option per month
// (API, Pro, Max 5x, Max 20x): what it would have cost in total, with API rates for what its limits
// would not hold, and the lockouts it would have caused. Ranges run optimistic to pessimistic.
import type { OptionOutcome, PlanReport } from '../../../../model/plan.ts';
import type { Range } from '../../../../model/plan-capacity.ts';
import { h, replace } from '../dom.ts';
import { formatUSD } from '../format.ts';
import { scrollBox } from '../table.ts';

const periodName = (key: string) => (key === 'last-30-days' ? 'Last 30 days' : key);
const spread = (r: Range, f: (n: number) => string) => (r.low === r.high ? '' : ` (${f(r.low)}–${f(r.high)})`);
const whole = (n: number) => String(Math.round(n));

function outcomeCell(o: OptionOutcome, cheapest: boolean): HTMLElement {
  const locks = o.fiveHourLockouts.mid + o.weeklyLockouts.mid;
  return h(
    'td',
    { class: `num${cheapest ? ' cheapest' : ''}` },
    h('span', { class: 'amount' }, formatUSD(o.totalUSD.mid)),
    h('span', { class: 'muted small' }, spread(o.totalUSD, formatUSD)),
    cheapest ? h('span', { class: 'badge ok' }, 'cheapest') : null,
    o.option === 'api' ? null : h('span', { class: `locks small${locks > 0 ? ' bad' : ' muted'}` }, locks > 0 ? `${whole(o.fiveHourLockouts.mid)} × 5h, ${whole(o.weeklyLockouts.mid)} × weekly lockouts${spread(o.fiveHourLockouts, whole)}` : 'no lockouts'),
  );
}

export function renderPlan(el: HTMLElement, p: PlanReport): void {
  const rec = p.recommendation;
  const options = p.periods[0]?.options.map((o) => ({ id: o.option, name: o.name })) ?? [];
  const table = h(
    'table',
    { class: 'plan-table' },
    h('caption', {}, 'Total per period for each option (middle estimate, range in brackets) and the lockouts each plan alone would have caused'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Option'), ...p.periods.map((per) => h('th', { scope: 'col', class: 'num' }, periodName(per.key))))),
    h(
      'tbody',
      {},
      ...options.map((opt) =>
        h(
          'tr',
          { class: opt.id === rec.option ? 'recommended' : null },
          h('th', { scope: 'row' }, opt.name, opt.id === p.currentPlan?.id ? h('span', { class: 'badge' }, 'your plan') : null),
          ...p.periods.map((per) => {
            const o = per.options.find((x) => x.option === opt.id);
            return o ? outcomeCell(o, per.cheapest === o.option) : h('td', {}, '–');
          }),
        ),
      ),
    ),
  );
  replace(
    el,
    h(
      'div',
      { class: 'card recommendation' },
      h('h3', {}, 'Recommended: ', h('strong', { id: 'plan-choice' }, rec.name)),
      h('p', { class: 'big' }, `about ${formatUSD(rec.monthlyUSD)} a month`),
      h('ul', { class: 'reasons' }, ...rec.reasons.map((r) => h('li', {}, r))),
    ),
    p.currentPlan ? h('p', {}, `Your plan: ${p.currentPlan.name} (from ${p.currentPlan.source}).`) : null,
    scrollBox('Plan comparison', table),
    h('p', { class: 'muted small' }, `Profile of the last 30 days: ${p.profile.pattern}, active ${p.profile.activeDays} of ${p.profile.days} days, ${formatUSD(p.profile.dailyCostUSD.mean)} a day on average (median ${formatUSD(p.profile.dailyCostUSD.median)}).`),
    h('ul', { class: 'muted small' }, ...p.breakEven.map((b) => h('li', {}, `${b.name} ${b.note}.`))),
    p.warnings.length ? h('ul', { class: 'warnings', 'aria-label': 'Plan warnings' }, ...p.warnings.map((w) => h('li', {}, w))) : null,
  );
}
