// `ccmeter bar install swiftbar|xbar`: writes an executable plugin script into the app's plugin folder. The
// refresh interval is in the file name (`ccmeter.1m.sh`), the apps' convention; the script runs this Node
// and this ccmeter by absolute path (no package runner), with the ccmeter and Claude folders the install saw.
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../shared/errors.ts';

export const PLUGIN_APPS = ['swiftbar', 'xbar'] as const;
export type PluginApp = (typeof PLUGIN_APPS)[number];

export interface PluginInstall {
  app: PluginApp;
  dir: string;
  /** `30s`, `1m`, `5m`, `1h`… */
  every: string;
  node: string;
  script: string;
  /** Variables to keep (CCMETER_HOME, CLAUDE_CONFIG_DIR): the plugin apps start scripts with a bare environment. */
  env: Record<string, string | undefined>;
  version: string;
}

export interface PluginResult {
  file: string;
  /** Earlier ccmeter plugin files in the folder (another interval), removed. */
  replaced: string[];
}

/** The plugin folder: `--dir`, else the app's setting (SwiftBar keeps it in its defaults), else its default. */
export function pluginDir(app: PluginApp, home: string, readSwiftBarDefault: () => string | null): string {
  if (app === 'swiftbar') return readSwiftBarDefault() ?? path.join(home, 'Library', 'Application Support', 'SwiftBar', 'Plugins');
  return path.join(home, 'Library', 'Application Support', 'xbar', 'plugins');
}

export function checkInterval(every: string): string {
  if (!/^[1-9]\d*[smhd]$/.test(every)) throw new UsageError(`--every ${every}: not an interval`, 'Use a number and s, m, h or d, for example 30s, 1m or 5m.');
  return every;
}

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function pluginScript(p: Omit<PluginInstall, 'dir' | 'every'>): string {
  const meta = p.app === 'xbar' ? 'xbar' : 'bitbar';
  const exports = Object.entries(p.env)
    .filter((e): e is [string, string] => Boolean(e[1]))
    .map(([k, v]) => `export ${k}=${sh(v)}`);
  return [
    '#!/bin/sh',
    `# <${meta}.title>ccmeter</${meta}.title>`,
    `# <${meta}.version>v${p.version}</${meta}.version>`,
    `# <${meta}.desc>Claude Code limits and cost: the binding limit in the menu bar; every window, today and this month in the menu.</${meta}.desc>`,
    `# <${meta}.dependencies>node</${meta}.dependencies>`,
    ...(p.app === 'swiftbar' ? ['# <swiftbar.hideRunInTerminal>true</swiftbar.hideRunInTerminal>'] : []),
    `# Written by \`ccmeter bar install ${p.app}\`. Delete this file to remove it.`,
    ...exports,
    `exec ${sh(p.node)} ${sh(p.script)} bar --format ${p.app}`,
    '',
  ].join('\n');
}

export function installPlugin(p: PluginInstall): PluginResult {
  mkdirSync(p.dir, { recursive: true });
  const name = `ccmeter.${checkInterval(p.every)}.sh`;
  const replaced = readdirSync(p.dir).filter((f) => /^ccmeter\.[^.]+\.sh$/.test(f) && f !== name);
  for (const f of replaced) rmSync(path.join(p.dir, f));
  const file = path.join(p.dir, name);
  writeFileSync(file, pluginScript(p));
  chmodSync(file, 0o755);
  return { file, replaced: replaced.map((f) => path.join(p.dir, f)) };
}
