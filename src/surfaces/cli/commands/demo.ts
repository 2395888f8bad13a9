// `ccmeter demo [command…]`: writes a sample history into a temporary folder and runs a command on it
// (the overview by default), so a new user with no Claude Code logs sees every view working.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoLimitSnapshots, writeDemoHistory } from '../../../app/demo-history.ts';
import { openSqliteLedger } from '../../../ledger/sqlite/sqlite-ledger.ts';
import { pricerFor } from '../../../app/context.ts';
import { DEFAULT_CONFIG } from '../../../config/defaults.ts';
import type { CliIO } from '../io.ts';
import { stderrPainter } from '../io.ts';

export async function demoCommand(args: string[], io: CliIO, run: (argv: string[], io: CliIO) => Promise<number>): Promise<number> {
  const keep = args.includes('--keep');
  const rest = args.filter((a) => a !== '--keep');
  const dir = mkdtempSync(path.join(tmpdir(), 'ccmeter-demo-'));
  try {
    const claude = path.join(dir, 'claude');
    writeDemoHistory(claude, io.now());
    const home = path.join(dir, 'home');
    const ledger = openSqliteLedger(path.join(home, 'ledger.db'), { pricer: pricerFor(DEFAULT_CONFIG) });
    await ledger.recordLimitSnapshots(demoLimitSnapshots(io.now()));
    await ledger.close();
    // offline: the demo never calls the usage endpoint with the user's real credentials
    const env = { ...io.env, CLAUDE_CONFIG_DIR: claude, CCMETER_HOME: home, CCMETER_OFFLINE: '1' };
    const code = await run(rest.length ? rest : ['overview'], { ...io, env });
    const json = rest.includes('--json') || rest.includes('--csv');
    if (!json) {
      const p = stderrPainter(io);
      io.stderr.write(
        p.paint('gray', `\nThis was a sample history. Try: ccmeter demo daily · demo sessions --breakdown · demo monthly --json`) +
          (keep ? p.paint('gray', `\nKept in ${dir} (CLAUDE_CONFIG_DIR=${claude} CCMETER_HOME=${path.join(dir, 'home')})`) : '') +
          '\n',
      );
    }
    return code;
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
