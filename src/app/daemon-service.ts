// `ccmeter daemon install` / `uninstall`: a per-user service running `ccmeter daemon` at login, restarted
// if it dies. macOS: a launchd agent in ~/Library/LaunchAgents; Linux: a systemd user unit in
// $XDG_CONFIG_HOME/systemd/user (default ~/.config). Only the file is written or removed; the command that
// enables or disables it is printed for the user to run.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { CcmeterError } from '../shared/errors.ts';

export const LAUNCHD_LABEL = 'dev.ccmeter.daemon';
export const SYSTEMD_UNIT = 'ccmeter.service';
/** Passed into the service when set, so it watches the same folders as the shell that installed it. */
export const SERVICE_ENV_KEYS = ['PATH', 'CCMETER_HOME', 'CLAUDE_CONFIG_DIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'TZ'] as const;

export interface ServiceSpec {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Absolute paths of this Node and of bin/ccmeter.js. */
  node: string;
  script: string;
}

export interface ServiceFile {
  file: string;
  content: string;
  /** Commands to print after install / uninstall. */
  enable: string;
  disable: string;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** systemd quoting: double quotes, backslash escapes, and `%` doubled (it starts a specifier). */
const unitQuote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%')}"`;

function passedEnv(env: ServiceSpec['env']): [string, string][] {
  return SERVICE_ENV_KEYS.flatMap((k) => (env[k] ? [[k, env[k]!] as [string, string]] : []));
}

export function serviceFile(spec: ServiceSpec): ServiceFile {
  const home = spec.env['HOME'] || homedir();
  if (spec.platform === 'darwin') {
    const file = path.join(home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
    const log = path.join(home, 'Library', 'Logs', 'ccmeter-daemon.log');
    const envXml = passedEnv(spec.env).map(([k, v]) => `      <key>${xml(k)}</key><string>${xml(v)}</string>`);
    const content = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
      '<plist version="1.0">',
      '  <dict>',
      `    <key>Label</key><string>${LAUNCHD_LABEL}</string>`,
      '    <key>ProgramArguments</key>',
      `    <array><string>${xml(spec.node)}</string><string>${xml(spec.script)}</string><string>daemon</string></array>`,
      '    <key>EnvironmentVariables</key>',
      '    <dict>',
      ...envXml,
      '    </dict>',
      '    <key>RunAtLoad</key><true/>',
      '    <key>KeepAlive</key><true/>',
      '    <key>ProcessType</key><string>Background</string>',
      `    <key>StandardErrorPath</key><string>${xml(log)}</string>`,
      `    <key>StandardOutPath</key><string>${xml(log)}</string>`,
      '  </dict>',
      '</plist>',
      '',
    ].join('\n');
    return { file, content, enable: `launchctl bootstrap gui/$(id -u) ${file}`, disable: `launchctl bootout gui/$(id -u) ${file}` };
  }
  if (spec.platform === 'linux') {
    const config = spec.env['XDG_CONFIG_HOME'] || path.join(home, '.config');
    const file = path.join(config, 'systemd', 'user', SYSTEMD_UNIT);
    const content = [
      '[Unit]',
      'Description=ccmeter: Claude Code limits watcher and alerts',
      'After=network-online.target',
      '',
      '[Service]',
      `ExecStart=${[spec.node, spec.script, 'daemon'].map(unitQuote).join(' ')}`,
      ...passedEnv(spec.env).map(([k, v]) => `Environment=${unitQuote(`${k}=${v}`)}`),
      'Restart=on-failure',
      'RestartSec=30',
      '',
      '[Install]',
      'WantedBy=default.target',
      '',
    ].join('\n');
    return { file, content, enable: `systemctl --user daemon-reload && systemctl --user enable --now ${SYSTEMD_UNIT}`, disable: `systemctl --user disable --now ${SYSTEMD_UNIT}` };
  }
  throw new CcmeterError(
    `ccmeter daemon install supports macOS (launchd) and Linux (systemd), not ${spec.platform}`,
    'Start `ccmeter daemon` at login yourself, or run `ccmeter daemon --once` every few minutes from cron or Task Scheduler.',
  );
}

export function installService(spec: ServiceSpec): ServiceFile & { replaced: boolean } {
  const s = serviceFile(spec);
  const replaced = existsSync(s.file);
  mkdirSync(path.dirname(s.file), { recursive: true });
  writeFileSync(s.file, s.content);
  return { ...s, replaced };
}

export function uninstallService(spec: ServiceSpec): ServiceFile & { removed: boolean } {
  const s = serviceFile(spec);
  const removed = existsSync(s.file);
  if (removed) rmSync(s.file);
  return { ...s, removed };
}
