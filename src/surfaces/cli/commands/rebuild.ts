// `ccmeter rebuild`: sets a damaged ledger aside (never deletes it) and rebuilds it from the logs.
import { existsSync, renameSync } from 'node:fs';
import { openApp } from '../../../app/context.ts';
import { ccmeterPaths } from '../../../shared/paths.ts';
import { formatInt } from '../../render/format.ts';
import type { CliIO } from '../io.ts';
import { ingestProgress } from '../progress.ts';
import { appEnv } from '../shared.ts';

export async function rebuildCommand(io: CliIO): Promise<number> {
  const env = appEnv(io);
  const { ledger } = ccmeterPaths(env);
  const stamp = new Date(io.now()).toISOString().replace(/[:.]/g, '-');
  const aside = `${ledger}.set-aside-${stamp}`;
  if (existsSync(ledger)) {
    renameSync(ledger, aside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(ledger + suffix)) renameSync(ledger + suffix, aside + suffix);
    io.stderr.write(`The old ledger is kept as ${aside}\n`);
  }
  const progress = ingestProgress(io);
  const app = await openApp(env, progress ? { onProgress: progress } : {});
  try {
    const stats = await app.ledger.stats();
    io.stdout.write(`Rebuilt ${ledger} from ${formatInt(app.ingest?.filesKnown ?? 0)} log files: ${formatInt(stats.requests)} requests.\n`);
    return 0;
  } finally {
    await app.close();
  }
}
