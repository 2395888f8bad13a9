// `ccmeter`: the overview.
import { openApp } from '../../../app/context.ts';
import { overviewJson } from '../../../app/command-json.ts';
import type { Overview } from '../../../app/overview.ts';
import { activeBlockLine, bar, levelStyle, percentText } from '../../render/limits.ts';
import { formatDuration, formatUSD, formatInt, wrapPrefixed } from '../../render/format.ts';
import { stdoutPainter, terminalWidth, type CliIO } from '../io.ts';
import { ingestProgress } from '../progress.ts';
import { appEnv, noLogsHint, printWarnings, printJson } from '../shared.ts';

export async function overviewCommand(o: { json?: boolean; tz?: string; color?: boolean; offline?: boolean }, io: CliIO): Promise<number> {
  const progress = ingestProgress(io);
  const app = await openApp(appEnv(io), { tz: o.tz, ...(progress ? { onProgress: progress } : {}) });
  try {
    const view = await overviewJson(app, io.now(), o, io.env, noLogsHint(io.env));
    if (o.json) printJson(io, view);
    else io.stdout.write(renderOverview(view, stdoutPainter(io, o.color), terminalWidth(io)) + '\n');
    printWarnings(io, view.warnings, o.color);
    return 0;
  } finally {
    await app.close();
  }
}

function renderOverview(v: Overview, p: ReturnType<typeof stdoutPainter>, width: number): string {
  const line = (label: string, u: Pick<Overview['today'], 'costUSD' | 'requests'>) => `  ${label.padEnd(11)}${formatUSD(u.costUSD).padStart(12)}  ${p.paint('gray', `${formatInt(u.requests)} requests`)}`;
  const max = Math.max(...v.recentDays.map((d) => d.costUSD), 0);
  const spark = v.recentDays.map((d) => (max === 0 ? '▁' : '▁▂▃▄▅▆▇█'[Math.min(7, Math.round((d.costUSD / max) * 7))]!)).join('');
  const limits = v.limits.windows.map((w) => {
    const value = w.usedPercent === null ? '?' : p.paint(levelStyle(w.usedPercent), `${bar(w.usedPercent, 20)} ${percentText(w).padStart(4)}`);
    const reset = w.resetsInMs === null ? '' : `  resets in ${formatDuration(w.resetsInMs)}`;
    const age = w.source === 'estimate' ? ' (estimate)' : w.stale ? p.paint('yellow', ` (${formatDuration(w.ageMs ?? 0)} old)`) : '';
    const warn = w.pace?.runsOutBeforeReset && w.pace.runsOutAt ? p.paint('red', `  runs out in ${formatDuration(Date.parse(w.pace.runsOutAt) - Date.parse(v.generatedAt))}`) : '';
    return `  ${(w.label + (w.binding ? ' ◀' : '')).padEnd(22)}${value}${p.paint('gray', reset)}${age}${warn}`;
  });
  return [
    p.paint('bold', 'Limits'),
    ...(limits.length ? limits : v.limits.notes.flatMap((n) => wrapPrefixed(n, width, '  ').map((l) => p.paint('gray', l)))),
    ...(v.activeBlock ? wrapPrefixed(activeBlockLine(v.activeBlock, p, Date.parse(v.generatedAt)), width, '  ', '    ') : []),
    '',
    p.paint('bold', 'Cost') + p.paint('gray', `  API-equivalent, ${v.tz}`),
    line('Today', v.today),
    line('This week', v.week),
    line('This month', v.month),
    `  Last 7 days ${spark}  ${p.paint('gray', v.recentDays.map((d) => formatUSD(d.costUSD)).join(' '))}`,
    // the whole history: for logs that stopped a while ago the lines above are all zero
    ...(v.allTime.firstActivity && v.allTime.lastActivity
      ? [line('All time', v.allTime) + p.paint('gray', ` · ${v.allTime.firstActivity} to ${v.allTime.lastActivity}`)]
      : []),
  ].join('\n');
}
