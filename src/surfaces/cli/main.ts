// The command line: parse, run one command, print, return the exit code. The only place errors are
// printed: known failures as `error: …` with a hint (exit 1), usage errors (exit 2); anything else is a
// bug and keeps its stack.
import { Command, CommanderError, Option } from 'commander';
import type { ReportKind } from '../../model/report.ts';
import { CcmeterError, UsageError } from '../../shared/errors.ts';
import { reportCommand } from './commands/report.ts';
import { stderrPainter, type CliIO } from './io.ts';
import { addReportOptions, addWeekStart, type CommonOptions } from './options.ts';
import { VERSION } from '../../shared/version.ts';
import { resolveRoots } from '../../sources/transcripts/discover.ts';
import { appEnv } from './shared.ts';

const REPORTS: [ReportKind, string][] = [
  ['daily', 'usage and cost per day'],
  ['weekly', 'usage and cost per week'],
  ['monthly', 'usage and cost per month'],
  ['hourly', 'usage and cost per hour'],
  ['sessions', 'usage and cost per session (sub-agents included in their session)'],
  ['projects', 'usage and cost per project'],
  ['models', 'usage and cost per model'],
];

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = new Command('ccmeter')
    .description('Claude Code usage, limits and cost, from your own logs')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run ccmeter --help for every command)');

  for (const [kind, summary] of REPORTS) {
    const cmd = addReportOptions(program.command(kind).description(summary));
    if (kind === 'weekly') addWeekStart(cmd);
    cmd.action(async (o: CommonOptions) => {
      code = await reportCommand(kind, o, io);
    });
  }

  program
    .command('demo')
    .description('show every view on a realistic sample history, in a temporary folder')
    .argument('[command...]', 'a command to run on the sample history (default: the overview)')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) => {
      const { demoCommand } = await import('./commands/demo.ts');
      code = await demoCommand(args, io, (a, demoIO) => main(a, demoIO));
    });

  program
    .command('rebuild')
    .description('set the ledger aside and rebuild it from the logs (for a damaged ledger)')
    .action(async () => {
      const { rebuildCommand } = await import('./commands/rebuild.ts');
      code = await rebuildCommand(io);
    });

  program
    .command('overview', { isDefault: true })
    .description('limits, the active 5-hour block, and today / week / month cost')
    .option('--json', 'print JSON')
    .option('--tz <zone>', 'IANA time zone for today / week / month')
    .option('--no-color', 'no colours')
    .addOption(new Option('--demo-if-empty', 'show the demo when there are no Claude Code logs (npm start)').hideHelp())
    .action(async (o: { json?: boolean; tz?: string; color?: boolean; demoIfEmpty?: boolean }) => {
      if (o.demoIfEmpty && !hasLogRoots(io)) {
        io.stderr.write(stderrPainter(io).paint('yellow', 'No Claude Code logs on this machine yet: showing a sample history (ccmeter demo).\n\n'));
        const { demoCommand } = await import('./commands/demo.ts');
        code = await demoCommand(o.json ? ['--json'] : [], io, (a, demoIO) => main(a, demoIO));
        return;
      }
      const { overviewCommand } = await import('./commands/overview.ts');
      code = await overviewCommand(o, io);
    });

  try {
    await program.parseAsync(['node', 'ccmeter', ...argv]);
    return code;
  } catch (e) {
    return reportError(e, io);
  }
}

export function reportError(e: unknown, io: CliIO): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2; // commander has printed the message
  }
  const p = stderrPainter(io);
  if (e instanceof CcmeterError) {
    io.stderr.write(`${p.paint('red', 'error:')} ${e.message}\n`);
    if (e.hint) io.stderr.write(`${p.paint('gray', 'hint:')} ${e.hint}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOSPC') {
    io.stderr.write(`${p.paint('red', 'error:')} the disk is full (${err.message}); the ledger was not changed by the failed write.\n`);
    return 1;
  }
  if (err?.code === 'EPIPE') return 0; // the reader went away (ccmeter daily | head)
  io.stderr.write(`${p.paint('red', 'ccmeter crashed (a bug; please report it):')}\n${err?.stack ?? String(e)}\n`);
  return 1;
}

function hasLogRoots(io: CliIO): boolean {
  try {
    return resolveRoots(appEnv(io)).roots.length > 0;
  } catch {
    return false;
  }
}
