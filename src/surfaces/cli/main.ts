// The command line: parse, run one command, print, return the exit code. The only place errors are
// printed: known failures as `error: …` with a hint (exit 1), usage errors (exit 2); anything else is a
// bug and keeps its stack.
import { Option } from 'commander';
import { reportError } from './errors.ts';
import { UsageError } from '../../shared/errors.ts';
import { stderrPainter, type CliIO } from './io.ts';
import { resolveRoots } from '../../sources/transcripts/discover.ts';
import { appEnv } from './shared.ts';
import { addReportCommands, cliProgram } from './program.ts';

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = cliProgram(io);
  addReportCommands(program, io, (c) => (code = c));

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
    .command('plan')
    .description('API or Pro/Max: each option per month from your own history, lockouts, and a recommendation')
    .option('--json', 'print JSON')
    .option('--months <n>', 'calendar months to show', '3')
    .option('--plan <plan>', 'what if: details for pro, max_5x or max_20x')
    .option('--current <plan>', 'the plan you are on, if ccmeter cannot read it from Claude Code')
    .option('--tz <zone>', 'IANA time zone for months')
    .option('--no-color', 'no colours')
    .action(async (o: { json?: boolean; months?: string; plan?: string; current?: string; tz?: string; color?: boolean }) => {
      const { planCommand } = await import('./commands/plan.ts');
      code = await planCommand(o, io);
    });

  program
    .command('doctor')
    .description('check log roots, retention, billing mode, credentials, plan, statusline and the ledger')
    .option('--json', 'print JSON')
    .option('--no-color', 'no colours')
    .action(async (o: { json?: boolean; color?: boolean }) => {
      const { doctorCommand } = await import('./commands/doctor.ts');
      code = await doctorCommand(o, io);
    });

  program
    .command('alerts')
    .description('alert rules and recent alerts; `alerts test` sends a test message on every channel')
    .argument('[action]', 'list (the default) or test')
    .option('--json', 'print JSON')
    .option('--no-color', 'no colours')
    .action(async (action: string | undefined, o: { json?: boolean; color?: boolean }) => {
      const { alertsCommand } = await import('./commands/alerts.ts');
      code = await alertsCommand(action, o, io);
    });

  program
    .command('daemon')
    .description('background watcher: keeps limits fresh and sends alerts; install / uninstall it as a user service')
    .argument('[action]', 'install or uninstall')
    .option('--once', 'run one cycle and exit (for cron and tests)')
    .option('--json', 'with --once: print the cycle report as JSON')
    .option('--interval <seconds>', 'seconds between cycles', '60')
    .action(async (action: string | undefined, o: { once?: boolean; json?: boolean; interval?: string }) => {
      const { daemonCommand } = await import('./commands/daemon.ts');
      code = await daemonCommand(action, o, io);
    });

  program
    .command('watch')
    .description('live view: limit bars with countdowns, the 5-hour block, the last hours, today by model, latest requests')
    .option('--tz <zone>', 'IANA time zone for today and clock times')
    .option('--no-color', 'no colours')
    .action(async (o: { tz?: string; color?: boolean }) => {
      const { watchCommand } = await import('./commands/watch.ts');
      code = await watchCommand(o, io);
    });

  program
    .command('bar')
    .description('menu-bar / panel output (--format xbar|swiftbar|waybar|polybar|i3blocks|tmux|json); `bar install swiftbar|xbar`')
    .argument('[action]', 'install')
    .argument('[app]', 'swiftbar or xbar, for install')
    .option('--format <format>', 'xbar, swiftbar, waybar, polybar, i3blocks, tmux or json')
    .option('--tz <zone>', "IANA time zone for today's and this month's cost")
    .option('--dir <folder>', "install: the plugin folder (default: the app's own)")
    .option('--every <interval>', 'install: refresh interval, in the file name (30s, 1m, 5m…)', '1m')
    .action(async (action: string | undefined, app: string | undefined, o: { format?: string; tz?: string; dir?: string; every?: string }) => {
      const cmd = await import('./commands/bar.ts');
      code = action === undefined ? await cmd.barCommand(o, io) : await cmd.barInstallCommand(action, app, o, io);
    });

  program
    .command('serve')
    .description('local web dashboard: limits, cost charts and plan advice in the browser (loopback, token-protected)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)')
    .option('--open', 'open it in the browser (reuses a dashboard already running)')
    .action(async (o: { host?: string; port?: string; open?: boolean }) => {
      const { serveCommand } = await import('./commands/serve.ts');
      code = await serveCommand(o, io);
    });

  const server = program.command('server').description('team server on PostgreSQL: the sync API and team views (add-member, revoke)');
  server
    .command('start', { isDefault: true })
    .description('migrate the database, then serve until SIGINT/SIGTERM (prints the URL first)')
    .option('--db <url>', 'PostgreSQL URL (default CCMETER_DATABASE_URL)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', '8787')
    .action(async (o: { db?: string; host?: string; port?: string }) => {
      const { serverCommand } = await import('./commands/server.ts');
      code = await serverCommand(o, io);
    });
  server
    .command('add-member')
    .description("add a team member and print their token (shown once; only a hash is stored)")
    .argument('<name>', 'member name')
    .option('--admin', 'the member sees the whole team')
    .option('--db <url>', 'PostgreSQL URL (default CCMETER_DATABASE_URL)')
    .action(async (name: string, o: { db?: string; admin?: boolean }) => {
      const { addMemberCommand } = await import('./commands/server.ts');
      code = await addMemberCommand(name, o, io);
    });
  server
    .command('revoke')
    .description("end a member's token (their usage stays)")
    .argument('<name>', 'member name')
    .option('--db <url>', 'PostgreSQL URL (default CCMETER_DATABASE_URL)')
    .action(async (name: string, o: { db?: string }) => {
      const { revokeCommand } = await import('./commands/server.ts');
      code = await revokeCommand(name, o, io);
    });

  program
    .command('sync')
    .description("push this machine's new ledger rows and limit readings to a team server")
    .option('--to <url>', 'team server URL (default CCMETER_SYNC_URL)')
    .option('--token <token>', 'member token (default CCMETER_SYNC_TOKEN)')
    .option('--batch <n>', 'requests per batch (1 to 5000)', '2000')
    .option('--json', 'print JSON')
    .action(async (o: { to?: string; token?: string; batch?: string; json?: boolean }) => {
      const { syncCommand } = await import('./commands/sync.ts');
      code = await syncCommand(o, io);
    });

  program
    .command('team')
    .description('usage and cost per member, project and model, from a team server')
    .option('--server <url>', 'team server URL (default CCMETER_SYNC_URL)')
    .option('--token <token>', 'member token (default CCMETER_SYNC_TOKEN)')
    .option('--since <date>', 'from this local date (YYYY-MM-DD), inclusive')
    .option('--until <date>', 'to this local date (YYYY-MM-DD), inclusive')
    .option('--tz <zone>', 'IANA time zone for dates and months (default: the system zone)')
    .option('--no-plans', 'skip the plan advice per member')
    .option('--json', 'print JSON')
    .option('--no-color', 'no colours')
    .action(async (o: { server?: string; token?: string; since?: string; until?: string; tz?: string; plans?: boolean; json?: boolean; color?: boolean }) => {
      const { teamCommand } = await import('./commands/team.ts');
      code = await teamCommand(o, io);
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
