// `ccmeter serve [--host 127.0.0.1] [--port N] [--open]`: the local dashboard. The first stdout line is the
// URL to open (with its token); it serves until SIGINT or SIGTERM. `--open` opens that URL in the browser,
// reusing a dashboard that is already running (recorded in the state folder) rather than starting another.
import { ccmeterPaths } from '../../../shared/paths.ts';
import { UsageError } from '../../../shared/errors.ts';
import { listen } from '../../dashboard/server/listen.ts';
import { openUrl } from '../../dashboard/server/open-url.ts';
import { removeRecord, runningDashboard, writeRecord } from '../../dashboard/server/record.ts';
import { stderrPainter, type CliIO } from '../io.ts';
import { appEnv } from '../shared.ts';

export interface ServeOptions {
  host?: string;
  port?: string;
  open?: boolean;
}

function parsePort(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n > 65535) throw new UsageError(`--port ${v}: not a port`, 'Give a number from 0 to 65535 (0 picks a free one).');
  return n;
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function serveCommand(o: ServeOptions, io: CliIO): Promise<number> {
  const port = parsePort(o.port);
  const host = o.host ?? '127.0.0.1';
  const state = ccmeterPaths(appEnv(io)).state;
  const gray = (s: string) => stderrPainter(io).paint('gray', s);
  const open = (url: string) => openUrl(url, io.env, (m) => io.stderr.write(`warning: ${m}\n`));

  if (o.open) {
    const running = await runningDashboard(state);
    if (running && (port === undefined || port === 0 || port === running.port) && (o.host === undefined || o.host === running.host)) {
      io.stdout.write(running.url + '\n');
      io.stderr.write(gray(`The dashboard is already running (process ${running.pid}): opening it.\n`));
      open(running.url);
      return 0;
    }
  }

  const stop = untilSignal();
  const log = (line: string) => io.stderr.write(line + '\n');
  const dashboard = await listen({ host, port: port ?? 0, token: io.env['CCMETER_DASHBOARD_TOKEN'], appEnv: appEnv(io), env: io.env, now: () => io.now(), log });
  io.stdout.write(dashboard.url + '\n');
  writeRecord(state, { url: dashboard.url, pid: process.pid, host, port: dashboard.port, startedAt: new Date().toISOString() });
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') log(`warning: listening on ${host}: other machines may reach this dashboard (the token still guards it).`);
  io.stderr.write(gray(`Dashboard running; press Ctrl-C to stop.\n`));
  if (o.open) open(dashboard.url);
  await stop;
  // a second Ctrl-C ends the process at once (the handlers are gone) while this one finishes an ingest
  removeRecord(state, process.pid);
  await dashboard.close();
  return 0;
}
