// Channels: webhook bodies per format, retries and giving up, channels not blocking each other, desktop
// notifications through a fake notify-send, the terminal bell.
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/config/defaults.ts';
import type { Alert } from '../../src/model/alerts.ts';
import { ringBell } from '../../src/surfaces/alerts/bell.ts';
import { deliver } from '../../src/surfaces/alerts/deliver.ts';
import { desktopCommand, sendDesktop } from '../../src/surfaces/alerts/desktop.ts';
import { sendWebhook } from '../../src/surfaces/alerts/webhook.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { closedBaseUrl } from '../oauth/helpers.ts';
import { receiver } from './receiver.ts';

const NOW = Date.parse('2026-07-18T12:00:00Z');
const ALERT: Alert = {
  key: 'limit:five_hour:2026-07-18T14:00Z:90',
  kind: 'threshold',
  window: 'five_hour',
  title: 'Session (5h): 92% used',
  message: 'Session (5h) is at 92% (alert at 90%). It resets in 2h00, at 14:00.',
  critical: true,
  channels: ['desktop', 'webhook'],
  covers: [],
  detail: { threshold: 90 },
};

test('webhook bodies: generic JSON, Slack, Discord and ntfy', async (t) => {
  const r = await receiver(t);
  for (const format of ['json', 'slack', 'discord', 'ntfy'] as const) {
    assert.equal((await sendWebhook({ url: r.url(`/${format}`), format }, ALERT, NOW)).ok, true);
  }
  assert.deepEqual(JSON.parse(r.bodies('/json')[0]!), {
    source: 'ccmeter', key: ALERT.key, kind: 'threshold', window: 'five_hour', title: ALERT.title, message: ALERT.message, critical: true, sentAt: '2026-07-18T12:00:00.000Z', detail: { threshold: 90 },
  });
  assert.deepEqual(JSON.parse(r.bodies('/slack')[0]!), { text: `*${ALERT.title}*\n${ALERT.message}` });
  assert.deepEqual(JSON.parse(r.bodies('/discord')[0]!), { content: `**${ALERT.title}**\n${ALERT.message}`, allowed_mentions: { parse: [] } });
  const ntfy = r.received.find((x) => x.path === '/ntfy')!;
  assert.deepEqual([ntfy.body, ntfy.headers['title'], ntfy.headers['priority'], ntfy.headers['tags'], ntfy.headers['content-type']], [ALERT.message, ALERT.title, 'urgent', 'rotating_light', 'text/plain; charset=utf-8']);
  assert.deepEqual(r.received.map((x) => x.headers['content-type']).slice(0, 3), ['application/json', 'application/json', 'application/json']);
});

test('Slack text is escaped, and a non-ASCII ntfy title goes as an RFC 2047 encoded word', async (t) => {
  const r = await receiver(t);
  const odd = { ...ALERT, title: 'Sem <5h> & co — 92%', message: 'a < b' };
  await sendWebhook({ url: r.url('/slack'), format: 'slack' }, odd, NOW);
  await sendWebhook({ url: r.url('/ntfy'), format: 'ntfy' }, odd, NOW);
  assert.deepEqual(JSON.parse(r.bodies('/slack')[0]!), { text: '*Sem &lt;5h&gt; &amp; co — 92%*\na &lt; b' });
  assert.equal(r.received[1]!.headers['title'], `=?UTF-8?B?${Buffer.from(odd.title).toString('base64')}?=`);
});

test('a failing receiver is retried with backoff and then given up on; a 4xx is final', async (t) => {
  const r = await receiver(t);
  const failing = await sendWebhook({ url: r.url('/fail'), format: 'json' }, ALERT, NOW, { backoffMs: 20 });
  assert.deepEqual(failing, { channel: 'webhook:json', target: `${new URL(r.url('/')).origin}/…`, ok: false, attempts: 3, error: 'HTTP 500; gave up after 3 attempts' });
  const gaps = r.received.slice(1).map((x, i) => x.at - r.received[i]!.at);
  assert.ok(gaps[0]! >= 20 && gaps[1]! >= 60, `backoff 20 ms then 60 ms, saw ${gaps.join(', ')}`);
  const rejected = await sendWebhook({ url: r.url('/reject'), format: 'json' }, ALERT, NOW, { backoffMs: 20 });
  assert.deepEqual([rejected.ok, rejected.attempts, rejected.error], [false, 1, 'HTTP 400']);
  const down = await sendWebhook({ url: (await closedBaseUrl()) + '/hook', format: 'slack' }, ALERT, NOW, { backoffMs: 20 });
  assert.deepEqual([down.ok, down.attempts, down.error], [false, 3, 'ECONNREFUSED; gave up after 3 attempts']);
});

test('a failing channel does not hold up the others: all are sent at once', async (t) => {
  const r = await receiver(t);
  const config = { ...DEFAULT_CONFIG.alerts, desktop: false, webhooks: [{ url: r.url('/fail'), format: 'json' as const }, { url: r.url('/ok'), format: 'discord' as const }] };
  const results = await deliver(ALERT, config, { env: {}, now: NOW });
  assert.deepEqual(results.map((x) => [x.channel, x.ok, x.attempts]), [['webhook:json', false, 3], ['webhook:discord', true, 1]]);
  const ok = r.received.find((x) => x.path === '/ok')!;
  const failures = r.received.filter((x) => x.path === '/fail');
  assert.equal(failures.length, 3);
  assert.ok(ok.at < failures[1]!.at, 'the good receiver got its message before the failing one was retried');
});

function fakeNotifySend(t: TestContext, script: string): { env: Record<string, string>; argsFile: string } {
  const dir = tempDir(t);
  const argsFile = path.join(dir, 'args');
  writeFileSync(path.join(dir, 'notify-send'), `#!/bin/sh\n${script}\n`);
  chmodSync(path.join(dir, 'notify-send'), 0o755);
  return { env: { PATH: `${dir}${path.delimiter}${process.env['PATH']}`, ARGS_FILE: argsFile }, argsFile };
}

test('desktop on Linux: notify-send from PATH with the app name, urgency, title and message', { skip: process.platform === 'win32' }, async (t) => {
  const fake = fakeNotifySend(t, `printf '%s\\0' "$@" > "$ARGS_FILE"`);
  const r = await sendDesktop(ALERT, fake.env, 'linux');
  assert.deepEqual(r, { channel: 'desktop', target: 'notify-send', ok: true, attempts: 1, error: null });
  assert.deepEqual(readFileSync(fake.argsFile, 'utf8').split('\0').slice(0, -1), ['--app-name=ccmeter', '--urgency=critical', ALERT.title, ALERT.message]);
  const broken = fakeNotifySend(t, 'echo "cannot connect to the bus" >&2; exit 1');
  assert.deepEqual(await sendDesktop(ALERT, broken.env, 'linux'), { channel: 'desktop', target: 'notify-send', ok: false, attempts: 1, error: 'notify-send failed: cannot connect to the bus' });
  const none = await sendDesktop(ALERT, { PATH: tempDir(t) }, 'linux');
  assert.deepEqual([none.ok, none.error], [false, 'neither notify-send nor gdbus is on PATH (install libnotify, e.g. the libnotify-bin package)']);
});

test('desktop commands on macOS and Windows pass the text as arguments or environment, never inside the script', () => {
  const mac = desktopCommand(ALERT, 'darwin', {});
  assert.deepEqual(mac, { file: '/usr/bin/osascript', args: ['-e', 'on run argv', '-e', 'display notification (item 2 of argv) with title (item 1 of argv)', '-e', 'end run', ALERT.title, ALERT.message] });
  const win = desktopCommand(ALERT, 'win32', {}) as { file: string; args: string[]; env: Record<string, string> };
  assert.deepEqual([win.file, win.args.slice(0, 3), win.env], ['powershell.exe', ['-NoProfile', '-NonInteractive', '-Command'], { CCMETER_ALERT_TITLE: ALERT.title, CCMETER_ALERT_BODY: ALERT.message }]);
  assert.equal(win.args[3]!.includes(ALERT.title), false);
});

test('the terminal bell rings only on a terminal', () => {
  const written: string[] = [];
  assert.equal(ringBell({ isTTY: true, write: (s: string) => written.push(s) }), true);
  assert.equal(ringBell({ isTTY: false, write: (s: string) => written.push(s) }), false);
  assert.deepEqual(written, ['\u0007']);
});
