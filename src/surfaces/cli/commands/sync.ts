// `ccmeter sync --to URL --token TOKEN`: ingest new log bytes, then push what the team server lacks.
import { openApp } from '../../../app/context.ts';
import { syncOnce, type SyncReport } from '../../../app/sync.ts';
import { UsageError } from '../../../shared/errors.ts';
import { formatInt } from '../../render/format.ts';
import type { CliIO } from '../io.ts';
import { ingestProgress } from '../progress.ts';
import { appEnv, printJson } from '../shared.ts';

export interface SyncOptions {
  to?: string;
  token?: string;
  batch?: string;
  json?: boolean;
}

export function syncTarget(o: { to?: string | undefined; token?: string | undefined }, io: CliIO): { url: string; token: string } {
  const url = o.to ?? io.env['CCMETER_SYNC_URL'];
  const token = o.token ?? io.env['CCMETER_SYNC_TOKEN'];
  if (!url) throw new UsageError('No team server given', 'Pass --to https://… or set CCMETER_SYNC_URL.');
  if (!token) throw new UsageError('No token given', 'Pass --token or set CCMETER_SYNC_TOKEN (an admin creates one with `ccmeter server add-member NAME`).');
  return { url, token };
}

export async function syncCommand(o: SyncOptions, io: CliIO): Promise<number> {
  const target = syncTarget(o, io);
  const batchSize = Number(o.batch ?? '2000');
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) throw new UsageError(`--batch ${o.batch}: expected 1 to 5000`);
  const progress = ingestProgress(io);
  const app = await openApp(appEnv(io), progress ? { onProgress: progress } : {});
  try {
    const plan = await currentPlan(io);
    const report = await syncOnce(app, { ...target, batchSize, plan, onBatch: () => io.stderr.isTTY && io.stderr.write('.') });
    if (io.stderr.isTTY && report.batches > 0) io.stderr.write('\n');
    if (o.json) printJson(io, report);
    else io.stdout.write(summary(report));
    return 0;
  } finally {
    await app.close();
  }
}

function summary(r: SyncReport): string {
  if (r.batches === 0) return `Up to date with ${r.server}.\n`;
  return `Synced ${formatInt(r.requests)} requests and ${formatInt(r.limits)} limit readings to ${r.server} in ${formatInt(r.batches)} ${r.batches === 1 ? 'batch' : 'batches'}.\n`;
}

/** The plan this machine's Claude Code login is on, so team plan advice knows where each member stands. */
async function currentPlan(io: CliIO): Promise<'pro' | 'max_5x' | 'max_20x' | null> {
  const { detectPlan } = await import('../../../app/plan.ts');
  const e = io.env;
  const detected = await detectPlan({ CLAUDE_CONFIG_DIR: e['CLAUDE_CONFIG_DIR'], HOME: e['HOME'], CLAUDE_CODE_OAUTH_TOKEN: e['CLAUDE_CODE_OAUTH_TOKEN'], USER: e['USER'] });
  return detected?.id ?? null;
}
