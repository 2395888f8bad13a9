// Process entry for `ccmeter bar --format F [--tz Z]` (dist/bar.js): panels run it every few seconds, so the
// launcher loads it without the command-line parser. Anything else on the line goes to the full CLI.
import { phase } from '../../shared/timing.ts';
import { barCommand } from './commands/bar.ts';
import { reportError } from './errors.ts';
import { fdProcessIO } from './io.ts';

phase('load modules');

/** `--format waybar`, `--format=waybar`, `--tz …`; null for anything else. */
function simpleOptions(args: readonly string[]): { format?: string; tz?: string } | null {
  const o: { format?: string; tz?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--(format|tz)(?:=(.*))?$/.exec(args[i]!);
    if (!m) return null;
    const value = m[2] ?? args[++i];
    if (value === undefined) return null;
    o[m[1] as 'format' | 'tz'] = value;
  }
  return o;
}

const options = simpleOptions(process.argv.slice(3));
// anything else: the full CLI, from its own bundle beside this one (dist/main.js)
if (options === null) await import(new URL('./main.js', import.meta.url).href);
else {
  const io = fdProcessIO();
  try {
    process.exitCode = await barCommand(options, io);
  } catch (e) {
    process.exitCode = reportError(e, io);
  }
}
