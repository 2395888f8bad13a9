// The plan advice as text: the recommendation and its reasons, every option per month, the usage profile.
import type { OptionOutcome, PlanReport } from '../../model/plan.ts';
import { formatDuration, formatUSD, shortModel, wrapPrefixed } from './format.ts';
import type { Painter } from './style.ts';
import { renderTable } from './table.ts';

function cell(o: OptionOutcome | undefined, p: Painter): string {
  if (!o) return '';
  const total = formatUSD(o.totalUSD.mid);
  if (o.option === 'api') return total;
  const locks = o.fiveHourLockouts.mid + o.weeklyLockouts.mid;
  return locks === 0 ? `${total} ${p.paint('green', '✓')}` : `${total} ${p.paint('yellow', `⚠${locks}`)}`;
}

export function renderPlan(r: PlanReport, p: Painter, width: number): string {
  const out: string[] = [];
  out.push(p.paint('bold', `Recommendation: ${r.recommendation.name}`) + (r.recommendation.option === 'api' ? '' : `, about ${formatUSD(r.recommendation.monthlyUSD)} a month`));
  for (const reason of r.recommendation.reasons) out.push(...wrapPrefixed(reason, width, '  • ', '    '));
  if (r.currentPlan) out.push(p.paint('gray', `  You are on ${r.currentPlan.name} (from ${r.currentPlan.source}).`));
  out.push('');
  const options = r.periods[0]?.options.map((o) => o.option) ?? [];
  const rows = options.map((id) => ({ id, name: r.periods[0]!.options.find((o) => o.option === id)!.name }));
  out.push(
    renderTable(
      [
        { header: 'Option', cell: (row: (typeof rows)[number]) => row.name },
        ...r.periods.map((period) => ({
          header: period.key === 'last-30-days' ? 'Last 30 days' : period.key,
          align: 'right' as const,
          cell: (row: (typeof rows)[number]) => cell(period.options.find((o) => o.option === row.id), p),
        })),
      ],
      rows,
      { width, painter: p },
    ),
  );
  out.push(...wrapPrefixed('Totals include API rates for what a plan would not hold (usage credits); ⚠n: lockouts the plan alone would cause.', width).map((l) => p.paint('gray', l)));
  const pr = r.profile;
  out.push('');
  out.push(
    ...wrapPrefixed(
      `Usage: ${pr.activeDays} of ${pr.days} days active, ${pr.pattern}; ${formatUSD(pr.dailyCostUSD.mean)} a day on average, ${formatUSD(pr.dailyCostUSD.p90)} on a busy day (90th percentile).`,
      width,
    ),
  );
  if (pr.longestSessions.length) out.push(...wrapPrefixed(`Longest sessions: ${pr.longestSessions.map((s) => `${formatDuration(s.hours * 3_600_000)} (${formatUSD(s.costUSD)})`).join(', ')}.`, width));
  const mix = pr.modelMix.length ? pr.modelMix.map((m) => `${shortModel(m.model)} ${(m.costShare * 100).toFixed(0)}%`).join(', ') : 'none used';
  out.push(...wrapPrefixed(`Models: ${mix}; prompts above 200K tokens: ${(pr.longContextShare * 100).toFixed(1)}% of requests.`, width));
  out.push(...wrapPrefixed(`Break-even: ${r.breakEven.map((b) => `${b.name.replace(/ \(.*\)/, '')} at ${formatUSD(b.apiCostUSD)}`).join(', ')} of API-equivalent usage a month that fits the plan's limits.`, width));
  if (r.whatIf) {
    out.push('');
    out.push(p.paint('bold', `What if: ${r.whatIf.name}, last 30 days`));
    const w = r.whatIf.period;
    out.push(`  ${formatUSD(w.totalUSD.mid)} in all (${formatUSD(w.priceUSD)} plan + ${formatUSD(w.extraUSD.mid)} at API rates; range ${formatUSD(w.totalUSD.low)}–${formatUSD(w.totalUSD.high)})`);
    out.push(`  lockouts: ${w.fiveHourLockouts.mid} five-hour, ${w.weeklyLockouts.mid} weekly (range ${w.fiveHourLockouts.low + w.weeklyLockouts.low}–${w.fiveHourLockouts.high + w.weeklyLockouts.high}); ${w.blockedHours.mid.toFixed(1)} hours of work blocked`);
    for (const l of r.whatIf.lockouts.slice(-10)) out.push(p.paint('gray', `    ${l.at.slice(0, 16).replace('T', ' ')}  ${l.window} limit reached`));
  }
  return out.join('\n');
}
