// `ccmeter bar --format F`: one short output for a menu bar or panel, from stored values only (the
// statusline's budget: no log reading), and `ccmeter bar install swiftbar|xbar`.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { BarPlanQuery } from '../../../app/bar-plan.ts';
import { barView, emptyBarView, type BarView } from '../../../app/bar.ts';
import { pricerFor, resolveTimeZone } from '../../../app/context.ts';
import { loadConfig } from '../../../config/load.ts';
import type { Ledger } from '../../../ledger/ledger.ts';
import { openSqliteLedger } from '../../../ledger/sqlite/sqlite-ledger.ts';
import type { PlanCard } from '../../../pricing/price-table.ts';
import { UsageError } from '../../../shared/errors.ts';
import { packageRoot } from '../../../shared/package-root.ts';
import { ccmeterPaths } from '../../../shared/paths.ts';
import { phase } from '../../../shared/timing.ts';
import { VERSION } from '../../../shared/version.ts';
import { BAR_FORMATS, RENDERERS, type BarFormat } from '../../bar/index.ts';
import { installPlugin, PLUGIN_APPS, pluginDir, type PluginApp } from '../../bar/install.ts';
import type { CliIO } from '../io.ts';
import { appEnv } from '../shared.ts';

/** A panel asks every few seconds: never wait long for another ccmeter's write. */
const LEDGER_WAIT_MS = 250;

function checkFormat(format: string | undefined): BarFormat {
  if (format !== undefined && (BAR_FORMATS as readonly string[]).includes(format)) return format as BarFormat;
  throw new UsageError(format === undefined ? 'bar: --format is required' : `bar --format ${format}: unknown format`, `Use one of ${BAR_FORMATS.join(', ')}.`);
}

export async function barCommand(o: { format?: string; tz?: string }, io: CliIO): Promise<number> {
  phase('load bar');
  const format = checkFormat(o.format);
  const paths = ccmeterPaths(appEnv(io));
  const config = await loadConfig(paths.config);
  const tz = resolveTimeZone(o.tz, config);
  const now = io.now();
  phase('read config');
  let view: BarView = emptyBarView(now, tz);
  // no ledger yet: say so without creating one
  if (existsSync(paths.ledger)) {
    const pricer = pricerFor(config);
    const ledger = openSqliteLedger(paths.ledger, { pricer, busyTimeoutMs: LEDGER_WAIT_MS });
    phase('open ledger');
    try {
      view = await barView(ledger, now, tz);
      phase('bar values');
      if (SHOWS_PLAN.includes(format)) view.planVerdict = await planVerdict(ledger, pricer.table.plans, { tz, now, env: appEnv(io), stateDir: paths.state });
    } finally {
      await ledger.close();
    }
  }
  io.stdout.write(RENDERERS[format](view, { node: process.execPath, script: path.join(packageRoot(), 'bin', 'ccmeter.js') }) + '\n');
  return 0;
}

/** The formats whose menu or tooltip has room for the plan verdict. */
const SHOWS_PLAN: readonly BarFormat[] = ['xbar', 'swiftbar', 'waybar', 'json'];

/** `ccmeter plan`'s recommendation in one line (cached for hours, see app/bar-plan.ts); a failing advisor never fails the bar. */
async function planVerdict(ledger: Ledger, cards: readonly PlanCard[], q: BarPlanQuery): Promise<string | null> {
  try {
    const { barPlanVerdict } = await import('../../../app/bar-plan.ts');
    const verdict = await barPlanVerdict(ledger, cards, q);
    phase('plan verdict');
    return verdict;
  } catch {
    return null;
  }
}

export async function barInstallCommand(action: string, app: string | undefined, o: { dir?: string; every?: string }, io: CliIO): Promise<number> {
  if (action !== 'install') throw new UsageError(`bar ${action}: unknown action`, 'Use `ccmeter bar --format F` or `ccmeter bar install swiftbar|xbar`.');
  if (app === undefined || !(PLUGIN_APPS as readonly string[]).includes(app)) {
    throw new UsageError(`bar install ${app ?? ''}: name the app`.trim(), `Use \`ccmeter bar install swiftbar\` or \`ccmeter bar install xbar\` (other panels run \`ccmeter bar --format F\` from their own config).`);
  }
  const which = app as PluginApp;
  const env = appEnv(io);
  const dir = o.dir ? path.resolve(o.dir) : pluginDir(which, env.HOME || homedir(), swiftBarSetting);
  const script = path.join(packageRoot(), 'bin', 'ccmeter.js');
  const keep = { CCMETER_HOME: io.env['CCMETER_HOME'], CLAUDE_CONFIG_DIR: io.env['CLAUDE_CONFIG_DIR'], XDG_DATA_HOME: io.env['XDG_DATA_HOME'], XDG_CONFIG_HOME: io.env['XDG_CONFIG_HOME'] };
  const r = installPlugin({ app: which, dir, every: o.every ?? '1m', node: process.execPath, script, env: keep, version: VERSION });
  const name = which === 'swiftbar' ? 'SwiftBar' : 'xbar';
  io.stdout.write(
    `Installed the ${name} plugin: ${r.file}\n` +
      r.replaced.map((f) => `  replaced ${f}\n`).join('') +
      `  it runs: ${process.execPath} ${script} bar --format ${which}\n` +
      `${name} picks it up from its plugin folder (use "Refresh all" if it does not show). Remove it by deleting the file.\n`,
  );
  return 0;
}

/** SwiftBar's plugin folder from its preferences (macOS only), or null. */
function swiftBarSetting(): string | null {
  if (process.platform !== 'darwin') return null;
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const r = spawnSync('defaults', ['read', 'com.ameba.SwiftBar', 'PluginDirectory'], { encoding: 'utf8', timeout: 3000 });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  if (!dir) return null;
  return dir.startsWith('~/') ? path.join(process.env['HOME'] ?? '', dir.slice(2)) : dir;
}
