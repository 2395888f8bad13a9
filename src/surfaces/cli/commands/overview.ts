// `ccmeter`: the overview.
import { openApp } from '../../../app/context.ts';
import { overview, type Overview } from '../../../app/overview.ts';
import { WEEKDAYS } from '../../../config/schema.ts';
import { scanWarnings } from '../../../model/warnings.ts';
import { formatUSD, formatInt } from '../../render/format.ts';
import { stdoutPainter, type CliIO } from '../io.ts';
import { ingestProgress } from '../progress.ts';
import { appEnv, noLogsHint, printWarnings } from '../shared.ts';

export async function overviewCommand(o: { json?: boolean; tz?: string; color?: boolean }, io: CliIO): Promise<number> {
  const progress = ingestProgress(io);
  const app = await openApp(appEnv(io), { tz: o.tz, ...(progress ? { onProgress: progress } : {}) });
  try {
    const weekStart = WEEKDAYS.indexOf(app.config.reports.weekStart);
    const stats = await app.ledger.stats();
    const warnings = scanWarnings({ badLines: stats.badLines, partialTails: stats.partialTails, warnings: app.ingest?.discovery.warnings ?? [] });
    if (app.ingest && app.ingest.discovery.roots.length === 0 && stats.requests === 0) warnings.unshift(noLogsHint(io.env));
    const view: Overview = { ...(await overview(app.ledger, io.now(), app.tz, weekStart)), warnings };
    if (o.json) io.stdout.write(JSON.stringify(view, null, 2) + '\n');
    else io.stdout.write(renderOverview(view, stdoutPainter(io, o.color)) + '\n');
    printWarnings(io, warnings, o.color);
    return 0;
  } finally {
    await app.close();
  }
}

function renderOverview(v: Overview, p: ReturnType<typeof stdoutPainter>): string {
  const line = (label: string, u: Overview['today']) => `  ${label.padEnd(11)}${formatUSD(u.costUSD).padStart(12)}  ${p.paint('gray', `${formatInt(u.requests)} requests`)}`;
  const max = Math.max(...v.recentDays.map((d) => d.costUSD), 0);
  const spark = v.recentDays.map((d) => (max === 0 ? '▁' : '▁▂▃▄▅▆▇█'[Math.min(7, Math.round((d.costUSD / max) * 7))]!)).join('');
  return [
    p.paint('bold', 'ccmeter') + p.paint('gray', `  API-equivalent cost, ${v.tz}`),
    line('Today', v.today),
    line('This week', v.week),
    line('This month', v.month),
    `  Last 7 days ${spark}  ${p.paint('gray', v.recentDays.map((d) => formatUSD(d.costUSD)).join(' '))}`,
  ].join('\n');
}
