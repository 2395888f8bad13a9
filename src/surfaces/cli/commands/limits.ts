// `ccmeter limits` and `ccmeter blocks`.
import { openApp } from '../../../app/context.ts';
import { blocksJson, limitsJson } from '../../../app/command-json.ts';
import type { BlocksView } from '../../../model/blocks.ts';
import { formatDuration, formatInt, formatUSD, shortModel } from '../../render/format.ts';
import { renderLimits } from '../../render/limits.ts';
import { renderTable } from '../../render/table.ts';
import { stdoutPainter, terminalWidth, type CliIO } from '../io.ts';
import { parseDateFlag } from '../options.ts';
import { ingestProgress } from '../progress.ts';
import { appEnv, printWarnings, printJson } from '../shared.ts';

export async function limitsCommand(o: { json?: boolean; offline?: boolean; color?: boolean }, io: CliIO): Promise<number> {
  const progress = ingestProgress(io);
  const app = await openApp(appEnv(io), progress ? { onProgress: progress } : {});
  try {
    const now = io.now();
    const { view, blocks } = await limitsJson(app, now, o, io.env);
    if (o.json) printJson(io, view);
    else io.stdout.write(renderLimits(view, blocks.blocks, stdoutPainter(io, o.color), terminalWidth(io), now) + '\n');
    printWarnings(io, app.ingest?.discovery.warnings ?? [], o.color);
    return 0;
  } finally {
    await app.close();
  }
}

export async function blocksCommand(o: { json?: boolean; since?: string; color?: boolean }, io: CliIO): Promise<number> {
  const since = parseDateFlag('--since', o.since);
  const progress = ingestProgress(io);
  const app = await openApp(appEnv(io), progress ? { onProgress: progress } : {});
  try {
    const now = io.now();
    const view = await blocksJson(app, now, since);
    if (o.json) printJson(io, view);
    else io.stdout.write(renderBlocks(view, stdoutPainter(io, o.color), terminalWidth(io), now) + '\n');
    return 0;
  } finally {
    await app.close();
  }
}

function renderBlocks(view: BlocksView, painter: ReturnType<typeof stdoutPainter>, width: number, now: number): string {
  if (view.blocks.length === 0) return 'No activity in the last 14 days.';
  const table = renderTable(
    [
      { header: 'Block start', cell: (b: BlocksView['blocks'][number]) => `${b.start.slice(0, 16).replace('T', ' ')}${b.official ? '' : ' ~'}` },
      { header: 'Status', cell: (b) => (b.active ? painter.paint('green', `active, ${formatDuration(Date.parse(b.end) - now)} left`) : '') },
      { header: 'Models', cell: (b) => b.models.map(shortModel), flexible: true },
      { header: 'Requests', align: 'right', cell: (b) => formatInt(b.requests) },
      { header: 'Cost', align: 'right', cell: (b) => formatUSD(b.costUSD) },
      { header: 'Burn / projection', cell: (b) => (b.burnRate && b.projection ? `${formatUSD(b.burnRate.costPerHour)}/h → ${formatUSD(b.projection.costUSD)}` : '') },
    ],
    view.blocks,
    { width, painter },
  );
  return [table, ...view.notes.map((n) => painter.paint('gray', n))].join('\n');
}
