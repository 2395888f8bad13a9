// `ccmeter watch`: reads new log bytes, then hands the terminal to the live view (surfaces/watch). Loaded
// on demand: Ink and React are in this command's chunk only.
import { openApp } from '../../../app/context.ts';
import { UsageError } from '../../../shared/errors.ts';
import { runWatch } from '../../watch/run.ts';
import { stdoutPainter, type CliIO } from '../io.ts';
import { ingestProgress } from '../progress.ts';
import { appEnv } from '../shared.ts';

export async function watchCommand(o: { tz?: string; color?: boolean }, io: CliIO): Promise<number> {
  if (!io.stdout.isTTY) {
    throw new UsageError('ccmeter watch needs a terminal', 'For scripts and panels use `ccmeter limits --json`, `ccmeter --json` or `ccmeter bar --format …`.');
  }
  const progress = ingestProgress(io);
  const app = await openApp(appEnv(io), { tz: o.tz, ...(progress ? { onProgress: progress } : {}) });
  try {
    return await runWatch(app, { now: () => io.now(), color: stdoutPainter(io, o.color).enabled });
  } finally {
    await app.close();
  }
}
