// The history the live view is tested on: the demo's five weeks of logs and its official limit readings,
// at a fixed clock, and a script that starts `ccmeter watch` on it and records its process id.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { demoLimitSnapshots, writeDemoHistory } from '../../src/app/demo-history.ts';
import { openSqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { pricer } from '../helpers/ledger.ts';

/** A Wednesday afternoon: the demo has work today and an active 5-hour window. */
export const NOW = '2026-07-15T15:00:00Z';

export interface WatchFixture {
  claude: string;
  env: Record<string, string>;
  /** `sh <script>` runs `ccmeter watch` in the fixture's environment. */
  script: string;
  pid(): number;
}

/** `empty`: Claude Code is set up (a `projects/` folder) but nothing is logged or stored yet. */
export async function watchFixture(t: TestContext, history: 'demo' | 'empty' = 'demo'): Promise<WatchFixture> {
  const dir = tempDir(t, 'ccmeter-watch-');
  const claude = path.join(dir, 'claude');
  const home = path.join(dir, 'home');
  mkdirSync(path.join(claude, 'projects'), { recursive: true });
  if (history === 'demo') {
    writeDemoHistory(claude, Date.parse(NOW));
    const ledger = openSqliteLedger(path.join(home, 'ledger.db'), { pricer });
    await ledger.recordLimitSnapshots(demoLimitSnapshots(Date.parse(NOW)));
    await ledger.close();
  }
  // CI=true: many shells and runners set it; Ink alone would then draw nothing until exit (is-in-ci)
  const env = { CCMETER_HOME: home, CLAUDE_CONFIG_DIR: claude, TZ: 'UTC', CCMETER_NOW: NOW, CCMETER_OFFLINE: '1', CI: 'true' };
  const pidFile = path.join(dir, 'watch.pid');
  const script = path.join(dir, 'watch.sh');
  const lines = [...Object.entries(env).map(([k, v]) => `export ${k}='${v}'`), `echo $$ > '${pidFile}'`, `exec '${process.execPath}' '${path.join(ROOT, 'bin/ccmeter.js')}' watch`];
  writeFileSync(script, lines.join('\n') + '\n');
  return { claude, env, script, pid: () => Number(readFileSync(pidFile, 'utf8')) };
}
