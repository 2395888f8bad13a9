// `ccmeter daemon`: the background watcher (runs until SIGTERM/SIGINT), `--once` for one cycle (cron,
// tests), and `install` / `uninstall` of a per-user service.
import path from 'node:path';
import { openApp } from '../../../app/context.ts';
import { runCycle, runLoop, type CycleReport, type Deliver } from '../../../app/daemon.ts';
import { installService, uninstallService, type ServiceSpec } from '../../../app/daemon-service.ts';
import { UsageError } from '../../../shared/errors.ts';
import { packageRoot } from '../../../shared/package-root.ts';
import { deliver } from '../../alerts/deliver.ts';
import type { CliIO } from '../io.ts';
import { appEnv, printJson } from '../shared.ts';

export interface DaemonOptions {
  once?: boolean;
  json?: boolean;
  interval?: string;
}

function serviceSpec(io: CliIO): ServiceSpec {
  return { platform: process.platform, env: io.env, node: process.execPath, script: path.join(packageRoot(), 'bin', 'ccmeter.js') };
}

function parseInterval(value: string | undefined): number {
  const seconds = Number(value ?? '60');
  if (!Number.isFinite(seconds) || seconds < 5) throw new UsageError(`--interval ${value}: not a number of seconds (5 or more)`);
  return seconds * 1000;
}

export async function daemonCommand(action: string | undefined, o: DaemonOptions, io: CliIO): Promise<number> {
  if (action === 'install') {
    const r = installService(serviceSpec(io));
    io.stdout.write(`${r.replaced ? 'Updated' : 'Wrote'} ${r.file}\nTo start it now and at every login, run:\n  ${r.enable}\n`);
    return 0;
  }
  if (action === 'uninstall') {
    const r = uninstallService(serviceSpec(io));
    io.stdout.write(r.removed ? `Removed ${r.file}\nIf it is running, stop it with:\n  ${r.disable}\n` : `No service file at ${r.file}; nothing changed.\n`);
    return 0;
  }
  if (action !== undefined) throw new UsageError(`daemon ${action}: unknown action`, 'Use `ccmeter daemon`, `ccmeter daemon --once`, `ccmeter daemon install` or `ccmeter daemon uninstall`.');
  const cycleMs = parseInterval(o.interval);
  const log = (line: string) => io.stderr.write(`${new Date(io.now()).toISOString()} ${line}\n`);
  const send: Deliver = (alert, config, now) => deliver(alert, config, { env: io.env, now });
  const app = await openApp(appEnv(io));
  if (o.once) {
    try {
      const report = await runCycle(app, { now: io.now(), env: io.env, deliver: send, ingest: false, log });
      if (o.json) printJson(io, report);
      else io.stdout.write(renderCycle(report));
      return 0;
    } finally {
      await app.close();
    }
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  log(`ccmeter daemon: watching limits, a cycle every ${cycleMs / 1000} s (stop with SIGTERM or Ctrl-C)`);
  try {
    await runLoop(app, { now: () => io.now(), env: io.env, deliver: send, log, cycleMs, signal: stop.signal });
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
  log('ccmeter daemon: stopped');
  return 0;
}

function renderCycle(r: CycleReport): string {
  const lines: string[] = [];
  for (const a of r.sent) {
    const where = a.results.map((c) => `${c.channel} ${c.ok ? 'ok' : `failed: ${c.error}`}`).join(', ') || 'no channel for it';
    lines.push(`sent: ${a.title} (${where})`);
  }
  for (const h of r.held) lines.push(`held (quiet hours): ${h.title}`);
  for (const k of r.claimedElsewhere) lines.push(`already sent by another watcher: ${k}`);
  for (const e of r.errors) lines.push(`error: ${e}`);
  if (r.sent.length === 0 && r.held.length === 0) lines.push('no new alerts');
  return lines.join('\n') + '\n';
}
