// The parts of the command line that the full CLI (main.ts) and the lean report entry (report-entry.ts)
// share: the program itself and the usage reports, so both parse a report's flags, print its help and
// reject a bad flag alike.
import { Command } from 'commander';
import type { ReportKind } from '../../model/report.ts';
import { reportCommand } from './commands/report.ts';
import type { CliIO } from './io.ts';
import { addReportOptions, addWeekStart, type CommonOptions } from './options.ts';
import { VERSION } from '../../shared/version.ts';

export const REPORTS: [ReportKind, string][] = [
  ['daily', 'usage and cost per day'],
  ['weekly', 'usage and cost per week'],
  ['monthly', 'usage and cost per month'],
  ['hourly', 'usage and cost per hour'],
  ['sessions', 'usage and cost per session (sub-agents included in their session)'],
  ['projects', 'usage and cost per project'],
  ['models', 'usage and cost per model'],
];

/** `ccmeter` before its commands: settings the commands inherit when added. */
export function cliProgram(io: CliIO): Command {
  return new Command('ccmeter')
    .description('Claude Code usage, limits and cost, from your own logs')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run ccmeter --help for every command)');
}

/** daily … models; `done` receives the command's exit code. */
export function addReportCommands(program: Command, io: CliIO, done: (code: number) => void): void {
  for (const [kind, summary] of REPORTS) {
    const cmd = addReportOptions(program.command(kind).description(summary));
    if (kind === 'weekly') addWeekStart(cmd);
    cmd.action(async (o: CommonOptions) => {
      done(await reportCommand(kind, o, io));
    });
  }
}
