// The command line: parse, run one command, print, return the exit code. The only place errors are
// printed: known failures as `error: …` with a hint (exit 1), usage errors (exit 2); anything else is a
// bug and keeps its stack.
import { Command, CommanderError, Option } from 'commander';
import type { ReportKind } from '../../model/report.ts';
import { reportCommand } from './commands/report.ts';
import { reportError } from './errors.ts';
import { UsageError } from '../../shared/errors.ts';
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
    .command('statusline')
    .description("one line for Claude Code's statusLine (reads its status JSON on stdin); install / uninstall it")
    .argument('[action]', 'install or uninstall')
    .option('--json', 'print the computed values as JSON')
    .action(async (action: string | undefined, o: { json?: boolean }) => {
      const cmd = await import('./commands/statusline.ts');
      if (action === 'install' || action === 'uninstall') code = await cmd.statusLineInstallCommand(action, io);
      else if (action !== undefined) throw new UsageError(`statusline ${action}: unknown action`, 'Use `ccmeter statusline`, `ccmeter statusline install` or `ccmeter statusline uninstall`.');
      else code = await cmd.statusLineCommand(o, { ...io, readStdin: io.readStdin ?? (async () => null) });
    });

  program
    .command('limits')
    .description('every limit window: percent, reset countdown, pace, source and age')
    .option('--json', 'print JSON')
    .option('--offline', 'do not ask the usage endpoint for fresh values')
    .option('--no-color', 'no colours')
    .action(async (o: { json?: boolean; offline?: boolean; color?: boolean }) => {
      const { limitsCommand } = await import('./commands/limits.ts');
      code = await limitsCommand(o, io);
    });

  program
    .command('blocks')
    .description('5-hour blocks from your activity, with burn rate and projection for the active one')
    .option('--json', 'print JSON')
    .option('--since <date>', 'from this local date (YYYY-MM-DD)')
    .option('--no-color', 'no colours')
    .action(async (o: { json?: boolean; since?: string; color?: boolean }) => {
      const { blocksCommand } = await import('./commands/limits.ts');
      code = await blocksCommand(o, io);
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
    .option('--offline', 'do not ask the usage endpoint for fresh limit values')
    .option('--no-color', 'no colours')
    .addOption(new Option('--demo-if-empty', 'show the demo when there are no Claude Code logs (npm start)').hideHelp())
    .action(async (o: { json?: boolean; tz?: string; color?: boolean; offline?: boolean; demoIfEmpty?: boolean }) => {
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

function hasLogRoots(io: CliIO): boolean {
  try {
    return resolveRoots(appEnv(io)).roots.length > 0;
  } catch {
    return false;
  }
}
