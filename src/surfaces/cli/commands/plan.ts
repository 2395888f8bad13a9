// `ccmeter plan`: API or Pro/Max, decided from your own history.
import { openApp } from '../../../app/context.ts';
import { planJson, planOptions } from '../../../app/command-json.ts';
import { renderPlan } from '../../render/plan.ts';
import { stdoutPainter, terminalWidth, type CliIO } from '../io.ts';
import { ingestProgress } from '../progress.ts';
import { appEnv, printWarnings, printJson } from '../shared.ts';

export async function planCommand(o: { json?: boolean; months?: string; plan?: string; current?: string; tz?: string; color?: boolean }, io: CliIO): Promise<number> {
  planOptions(o); // checked before the ledger is opened
  const progress = ingestProgress(io);
  const app = await openApp(appEnv(io), { tz: o.tz, ...(progress ? { onProgress: progress } : {}) });
  try {
    const report = await planJson(app, io.now(), o, io.env);
    if (o.json) printJson(io, report);
    else io.stdout.write(renderPlan(report, stdoutPainter(io, o.color), terminalWidth(io)) + '\n');
    printWarnings(io, report.warnings, o.color);
    return 0;
  } finally {
    await app.close();
  }
}
