// daily, weekly, monthly, hourly, sessions, projects, models.
import { openApp } from '../../../app/context.ts';
import { reportJson } from '../../../app/command-json.ts';
import type { ReportKind, UsageReport } from '../../../model/report.ts';
import { renderUsageCsv, renderUsageTable } from '../../render/usage-report.ts';
import { terminalWidth, stdoutPainter, type CliIO } from '../io.ts';
import { checkFormat, checkRange, parseDateFlag, type CommonOptions } from '../options.ts';
import { ingestProgress } from '../progress.ts';
import { printWarnings, noLogsHint, appEnv, printJson } from '../shared.ts';

const TITLE: Record<ReportKind, string> = {
  daily: 'Usage by day',
  weekly: 'Usage by week',
  monthly: 'Usage by month',
  hourly: 'Usage by hour',
  sessions: 'Usage by session',
  projects: 'Usage by project',
  models: 'Usage by model',
};

export async function reportCommand(kind: ReportKind, o: CommonOptions, io: CliIO): Promise<number> {
  checkFormat(o);
  const since = parseDateFlag('--since', o.since);
  const until = parseDateFlag('--until', o.until);
  checkRange(since, until);
  const progress = ingestProgress(io);
  const app = await openApp(appEnv(io), { tz: o.tz, ...(progress ? { onProgress: progress } : {}) });
  try {
    const report = await reportJson(app, kind, { since, until, breakdown: o.breakdown, weekStart: o.weekStart }, noLogsHint(io.env));
    writeReport(kind, report, o, io, () => app.tz);
    return 0;
  } finally {
    await app.close();
  }
}

/** `tz`: the zone for the title, read only when a table is printed (see AppContext.tz). */
function writeReport(kind: ReportKind, report: UsageReport, o: CommonOptions, io: CliIO, tz: () => string): void {
  if (o.json) {
    printJson(io, report);
    printWarnings(io, report.warnings, o.color);
    return;
  }
  if (o.csv) {
    io.stdout.write(renderUsageCsv(kind, report) + '\n');
    printWarnings(io, report.warnings, o.color);
    return;
  }
  const painter = stdoutPainter(io, o.color);
  const calendar = kind === 'daily' || kind === 'weekly' || kind === 'monthly' || kind === 'hourly';
  io.stdout.write(painter.paint('bold', `${TITLE[kind]}${calendar ? ` (${tz()})` : ''}, API-equivalent cost`) + '\n');
  if (report.rows.length === 0) io.stdout.write('No usage in this range.\n');
  else io.stdout.write(renderUsageTable(kind, report, { width: terminalWidth(io), painter, ...(o.compact ? { compact: true } : {}) }) + '\n');
  printWarnings(io, report.warnings, o.color);
}
