// `ccmeter statusline`: the command Claude Code runs for its status line. Reads the status JSON on stdin,
// records its rate_limits, prints one line. Degrades, never fails, on odd input; fast on any history.
import path from 'node:path';
import { pricerFor, resolveTimeZone } from '../../../app/context.ts';
import { statusLine } from '../../../app/statusline.ts';
import { installStatusLine, readChain, uninstallStatusLine } from '../../../app/statusline-install.ts';
import { loadConfig } from '../../../config/load.ts';
import { openSqliteLedger } from '../../../ledger/sqlite/sqlite-ledger.ts';
import { packageRoot } from '../../../shared/package-root.ts';
import { phase } from '../../../shared/timing.ts';
import { ccmeterPaths } from '../../../shared/paths.ts';
import { decodeStatusInput } from '../../../sources/statusline/input.ts';
import { renderStatusLine } from '../../render/statusline.ts';
import { painter } from '../../render/style.ts';
import type { CliIO } from '../io.ts';
import { appEnv, printJson } from '../shared.ts';

export interface StatusLineIO extends CliIO {
  /** All of stdin, or null when stdin is a terminal (nothing piped). */
  readStdin(): Promise<string | null>;
}

const USAGE =
  'ccmeter statusline reads the status JSON Claude Code pipes to it, so it is meant to run from Claude Code.\n' +
  'Install it with `ccmeter statusline install`; to try it by hand: echo \'{"session_id":"x"}\' | ccmeter statusline\n';

/** Waits this long for Claude Code's busy ledger writer before answering from what is stored. */
const LEDGER_WAIT_MS = 250;

export async function statusLineCommand(o: { json?: boolean }, io: StatusLineIO): Promise<number> {
  const text = await io.readStdin();
  if (text === null || text.trim() === '') {
    io.stderr.write(USAGE);
    return 1;
  }
  const problems: string[] = [];
  let raw: unknown = {};
  try {
    raw = JSON.parse(text);
  } catch {
    problems.push('stdin is not valid JSON');
  }
  const decoded = decodeStatusInput(raw);
  problems.push(...decoded.problems);
  const env = appEnv(io);
  const paths = ccmeterPaths(env);
  const config = await loadConfig(paths.config);
  phase('read input + config');
  const ledger = openSqliteLedger(paths.ledger, { pricer: pricerFor(config), busyTimeoutMs: LEDGER_WAIT_MS });
  phase('open ledger');
  try {
    const view = await statusLine(ledger, decoded.input, io.now(), resolveTimeZone(undefined, config), problems);
    phase('statusline values');
    if (o.json) {
      printJson(io, view);
      return 0;
    }
    // Claude Code shows ANSI colours in the status line; only NO_COLOR turns them off here
    const p = painter(!io.env['NO_COLOR']);
    const ours = renderStatusLine(view, p);
    const theirs = chainedLine(paths.state, text);
    io.stdout.write((theirs ? `${theirs}${p.paint('gray', ' │ ')}${ours}` : ours) + '\n');
    return 0;
  } finally {
    await ledger.close();
  }
}

/** The first line printed by the statusLine command ccmeter replaced, run with the same input. */
function chainedLine(stateDir: string, input: string): string | null {
  const command = readChain(stateDir)?.previous?.command;
  if (!command) return null;
  // loaded only here: most status lines chain nothing, and start-up time is the statusline's budget
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const r = spawnSync(command, { shell: true, input, encoding: 'utf8', timeout: 2000 });
  const line = (r.stdout ?? '').split('\n').find((l) => l.trim() !== '');
  return line ? line.trimEnd() : null;
}

/** The command Claude Code should run: this Node and this ccmeter by absolute path, never a package runner. */
export function statusLineCommandLine(): string {
  const bin = path.join(packageRoot(), 'bin', 'ccmeter.js');
  const q = (s: string) => (/^[\w./-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`);
  return `${q(process.execPath)} ${q(bin)} statusline`;
}

export async function statusLineInstallCommand(action: 'install' | 'uninstall', io: CliIO): Promise<number> {
  const env = appEnv(io);
  const { state } = ccmeterPaths(env);
  if (action === 'install') {
    const r = installStatusLine(env, state, statusLineCommandLine(), io.now());
    io.stdout.write(
      `${r.alreadyInstalled ? 'Updated' : 'Installed'} ccmeter in ${r.settingsFile}\n  statusLine.command = ${r.command}\n` +
        (r.chained ? `  your previous status line (${r.chained}) still runs, and its output stays first in the line\n` : '') +
        `  backup: ${r.backup}\nIt shows from the next message in Claude Code. Undo with: ccmeter statusline uninstall\n`,
    );
    return 0;
  }
  const r = uninstallStatusLine(env, state, io.now());
  if (!r.wasInstalled) {
    io.stdout.write(`ccmeter is not the statusLine in ${r.settingsFile}; nothing changed.\n`);
    return 0;
  }
  io.stdout.write(`Removed ccmeter from ${r.settingsFile}${r.restored?.command ? `; restored your status line (${r.restored.command})` : ''}.\n`);
  return 0;
}
