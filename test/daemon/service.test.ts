// The long-running daemon stops cleanly on SIGTERM; `daemon install` / `uninstall` write and remove the
// per-user service file (never running systemctl or launchctl).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { serviceFile } from '../../src/app/daemon-service.ts';
import { ROOT } from '../helpers/cli.ts';
import { runCli, setup, startDaemon } from './helpers.ts';

const BIN = path.join(ROOT, 'bin/ccmeter.js');

test('the daemon started as a child process exits 0 promptly on SIGTERM, closing the ledger', async (t) => {
  const { env } = setup(t, { alerts: { desktop: false } }, { CCMETER_OFFLINE: '1' });
  const daemon = startDaemon(env);
  t.after(() => daemon.child.kill('SIGKILL'));
  await daemon.said(/watching limits/);
  await new Promise((r) => setTimeout(r, 300)); // let the first cycle run
  const sent = performance.now();
  daemon.child.kill('SIGTERM');
  const code = await daemon.exited;
  assert.equal(code, 0, daemon.stderr());
  assert.ok(performance.now() - sent < 5_000, 'stopped within 5 s');
  assert.match(daemon.stderr(), /ccmeter daemon: stopped\n$/);
  const after = await runCli(['daemon', '--once'], { ...env, CCMETER_NOW: '2026-07-18T12:00:00Z' });
  assert.equal(after.code, 0, after.stderr); // the ledger was left usable
});

test('daemon install writes a systemd user unit under XDG_CONFIG_HOME and prints how to enable it; uninstall removes it', { skip: process.platform !== 'linux' }, async (t) => {
  const { dir, env } = setup(t, {});
  const xdg = path.join(dir, 'xdg config');
  const unit = path.join(xdg, 'systemd/user/ccmeter.service');
  const installed = await runCli(['daemon', 'install'], { ...env, XDG_CONFIG_HOME: xdg });
  assert.equal(installed.code, 0, installed.stderr);
  assert.equal(installed.stdout, `Wrote ${unit}\nTo start it now and at every login, run:\n  systemctl --user daemon-reload && systemctl --user enable --now ccmeter.service\n`);
  const content = readFileSync(unit, 'utf8');
  assert.ok(content.includes(`ExecStart="${process.execPath}" "${BIN}" "daemon"\n`), content);
  assert.ok(content.includes(`Environment="CCMETER_HOME=${env['CCMETER_HOME']}"\n`), content);
  assert.ok(content.includes(`Environment="XDG_CONFIG_HOME=${xdg}"\n`), content);
  assert.ok(content.includes('Restart=on-failure\n') && content.includes('WantedBy=default.target\n'), content);

  const removed = await runCli(['daemon', 'uninstall'], { ...env, XDG_CONFIG_HOME: xdg });
  assert.equal(removed.stdout, `Removed ${unit}\nIf it is running, stop it with:\n  systemctl --user disable --now ccmeter.service\n`);
  assert.equal(existsSync(unit), false);
  const again = await runCli(['daemon', 'uninstall'], { ...env, XDG_CONFIG_HOME: xdg });
  assert.equal(again.stdout, `No service file at ${unit}; nothing changed.\n`);
});

test('on macOS the service is a launchd agent in ~/Library/LaunchAgents, with the text XML-escaped', () => {
  const s = serviceFile({ platform: 'darwin', env: { HOME: '/Users/ann', CCMETER_HOME: '/Users/ann/a&b' }, node: '/opt/node/bin/node', script: '/opt/ccmeter/bin/ccmeter.js' });
  assert.equal(s.file, '/Users/ann/Library/LaunchAgents/dev.ccmeter.daemon.plist');
  assert.equal(s.enable, 'launchctl bootstrap gui/$(id -u) /Users/ann/Library/LaunchAgents/dev.ccmeter.daemon.plist');
  assert.ok(s.content.includes('<array><string>/opt/node/bin/node</string><string>/opt/ccmeter/bin/ccmeter.js</string><string>daemon</string></array>'), s.content);
  assert.ok(s.content.includes('<key>CCMETER_HOME</key><string>/Users/ann/a&amp;b</string>'), s.content);
  assert.ok(s.content.includes('<key>KeepAlive</key><true/>') && s.content.includes('<key>RunAtLoad</key><true/>'), s.content);
});

test('on Windows install is refused with what to do instead; a systemd unit doubles % and quotes', () => {
  assert.throws(() => serviceFile({ platform: 'win32', env: {}, node: 'node', script: 'ccmeter.js' }), { message: 'ccmeter daemon install supports macOS (launchd) and Linux (systemd), not win32' });
  const s = serviceFile({ platform: 'linux', env: { HOME: '/home/ann', CCMETER_HOME: '/data/100%"x"' }, node: '/usr/bin/node', script: '/opt/ccmeter/bin/ccmeter.js' });
  assert.equal(s.file, '/home/ann/.config/systemd/user/ccmeter.service');
  assert.ok(s.content.includes('Environment="CCMETER_HOME=/data/100%%\\"x\\""\n'), s.content);
});
