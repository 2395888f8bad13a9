// Small pieces every command uses.
import type { AppEnv } from '../../app/context.ts';
import type { CliIO } from './io.ts';
import { stderrPainter } from './io.ts';
import { wrapPrefixed } from '../render/format.ts';
import { jsonPieces } from '../render/json.ts';

export function appEnv(io: CliIO): AppEnv {
  const e = io.env;
  return {
    CLAUDE_CONFIG_DIR: e['CLAUDE_CONFIG_DIR'],
    XDG_CONFIG_HOME: e['XDG_CONFIG_HOME'],
    XDG_DATA_HOME: e['XDG_DATA_HOME'],
    XDG_STATE_HOME: e['XDG_STATE_HOME'],
    HOME: e['HOME'],
    CCMETER_HOME: e['CCMETER_HOME'],
    TZ: e['TZ'],
    CCMETER_WORKERS: e['CCMETER_WORKERS'],
  };
}

/** A --json answer: `JSON.stringify(value, null, 2)` and a newline, written in pieces (see jsonPieces). */
export function printJson(io: CliIO, value: unknown): void {
  for (const piece of jsonPieces(value)) io.stdout.write(piece);
}

export function printWarnings(io: CliIO, warnings: readonly string[], color?: boolean): void {
  if (warnings.length === 0) return;
  const p = stderrPainter(io, color);
  // wrapped under their label on a terminal; one line each for a script that reads them
  const width = io.stderr.isTTY && io.stderr.columns ? io.stderr.columns : 0;
  for (const w of warnings) {
    const lines = width > 40 ? wrapPrefixed(w, width, '', '         ') : [w];
    io.stderr.write(`${p.paint('yellow', 'warning:')} ${lines.join('\n')}\n`);
  }
}

export function noLogsHint(env: NodeJS.ProcessEnv): string {
  const where = env['CLAUDE_CONFIG_DIR'] ? `CLAUDE_CONFIG_DIR (${env['CLAUDE_CONFIG_DIR']})` : '~/.claude/projects or ~/.config/claude/projects';
  return `No Claude Code logs found in ${where}. Run \`ccmeter demo\` to see every view on a sample history.`;
}
