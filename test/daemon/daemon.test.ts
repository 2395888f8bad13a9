// `ccmeter daemon --once`, run as the built CLI again and again with CCMETER_NOW moving time, against a
// local usage endpoint and local webhook receivers.
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { CycleReport } from '../../src/app/daemon.ts';
import type { AlertsListView } from '../../src/surfaces/cli/commands/alerts.ts';
import { receiver } from '../alerts/receiver.ts';
import { assistant } from '../helpers/fixtures.ts';
import { usageServer } from '../oauth/helpers.ts';
import { runCli, setup, statusline, usageBody } from './helpers.ts';

const noPace = { enabled: false };
const FIVE = '2026-07-18T13:59:59.570750+00:00';
const WEEK = '2026-07-21T14:59:59.570774+00:00';

test('keeps limits fresh on an adaptive cadence and sends each alert once, in every webhook format', async (t) => {
  const api = await usageServer(t);
  const hooks = await receiver(t);
  const webhooks = (['json', 'slack', 'discord', 'ntfy'] as const).map((format) => ({ url: hooks.url(`/${format}`), format }));
  const { env, transcript } = setup(t, { alerts: { desktop: false, pace: noPace, webhooks } }, { CCMETER_ANTHROPIC_BASE_URL: api.baseUrl });
  const once = (now: string) => runCli(['daemon', '--once', '--json'], { ...env, CCMETER_NOW: now });

  api.reply({ body: usageBody([55, FIVE], [20, WEEK]) });
  const first = await once('2026-07-18T12:00:00Z');
  assert.equal(first.code, 0, first.stderr);
  const r1 = JSON.parse(first.stdout) as CycleReport;
  assert.deepEqual([r1.usage, r1.sent.map((s) => s.key)], [{ due: true, status: 'ok', message: 'usage fetched just now', intervalMs: 300_000 }, ['limit:five_hour:2026-07-18T14:00Z:50']]);

  // a minute later: the value is fresh (user active: 5-minute cadence), no call, nothing new
  const second = JSON.parse((await once('2026-07-18T12:01:00Z')).stdout) as CycleReport;
  assert.deepEqual([second.usage.due, second.sent, api.requests.length], [false, [], 1]);

  // Claude Code writes a new request at 12:05 (ingested by the next cycle): still active, so a call is due at 12:06
  appendFileSync(transcript, assistant({ id: 'msg_b', ts: '2026-07-18T12:05:00Z', version: '2.1.239' }) + '\n');
  api.reply({ body: usageBody([78, FIVE], [20, WEEK]) });
  const third = JSON.parse((await once('2026-07-18T12:06:00Z')).stdout) as CycleReport;
  assert.deepEqual([third.usage.due, third.sent.map((s) => s.key)], [true, ['limit:five_hour:2026-07-18T14:00Z:75']]);

  // idle for 17 minutes: a 15-minute cadence; the endpoint fails: logged, nothing sent, exit 0
  api.reply({ status: 500, body: {} });
  const down = await once('2026-07-18T12:22:00Z');
  const r4 = JSON.parse(down.stdout) as CycleReport;
  assert.deepEqual([down.code, r4.usage.status, r4.usage.intervalMs, r4.sent], [0, 'error', 900_000, []]);
  assert.match(down.stderr, /usage endpoint: the usage endpoint answered HTTP 500/);

  // after the reset: a new window instance re-arms the thresholds
  api.reply({ body: usageBody([52, '2026-07-18T18:59:59.5+00:00'], [21, WEEK]) });
  assert.equal((await once('2026-07-18T14:10:00Z')).code, 0);
  assert.equal(api.requests.length, 4);

  const expected = [
    ['limit:five_hour:2026-07-18T14:00Z:50', 'Current session: 55% used', 'Current session is at 55% (alert at 50%). It resets in 2h00, at 14:00.'],
    ['limit:five_hour:2026-07-18T14:00Z:75', 'Current session: 78% used', 'Current session is at 78% (alert at 75%). It resets in 1h54, at 14:00.'],
    ['limit:five_hour:2026-07-18T19:00Z:50', 'Current session: 52% used', 'Current session is at 52% (alert at 50%). It resets in 4h50, at 19:00.'],
  ];
  const json = hooks.bodies('/json').map((b) => JSON.parse(b) as { key: string; title: string; message: string; source: string; critical: boolean });
  assert.deepEqual(json.map((b) => [b.key, b.title, b.message]), expected);
  assert.deepEqual(json.map((b) => [b.source, b.critical]), [['ccmeter', false], ['ccmeter', false], ['ccmeter', false]]);
  assert.deepEqual(hooks.bodies('/slack').map((b) => JSON.parse(b)), expected.map(([, title, message]) => ({ text: `*${title}*\n${message}` })));
  assert.deepEqual(hooks.bodies('/discord').map((b) => JSON.parse(b)), expected.map(([, title, message]) => ({ content: `**${title}**\n${message}`, allowed_mentions: { parse: [] } })));
  const ntfy = hooks.received.filter((r) => r.path === '/ntfy');
  assert.deepEqual(ntfy.map((r) => [r.headers['title'], r.body, r.headers['priority']]), expected.map(([, title, message]) => [title, message, 'high']));

  const list = JSON.parse((await runCli(['alerts', '--json'], { ...env, CCMETER_NOW: '2026-07-18T14:11:00Z' })).stdout) as AlertsListView;
  assert.deepEqual(list.fired.map((f) => f.key), ['limit:five_hour:2026-07-18T19:00Z:50', 'limit:five_hour:2026-07-18T14:00Z:75', 'limit:five_hour:2026-07-18T14:00Z:50']);
  assert.deepEqual(list.rules.channels, webhooks.map((w) => `webhook:${w.format} ${new URL(w.url).origin}/…`));
});

test('a failing receiver is retried, then given up on, without holding up the others; the alert is not sent again', async (t) => {
  const hooks = await receiver(t);
  const webhooks = [{ url: hooks.url('/fail'), format: 'json' }, { url: hooks.url('/ok'), format: 'slack' }];
  const { env } = setup(t, { alerts: { desktop: false, pace: noPace, webhooks } }, { CCMETER_OFFLINE: '1' });
  statusline(env, '2026-07-18T12:00:00Z', { percent: 91, resetsAt: '2026-07-18T14:00:00Z' });
  const run = await runCli(['daemon', '--once', '--json'], { ...env, CCMETER_NOW: '2026-07-18T12:01:00Z' });
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as CycleReport;
  assert.deepEqual(report.sent.map((s) => [s.key, s.covers, s.results]), [
    [
      'limit:five_hour:2026-07-18T14:00Z:90',
      ['limit:five_hour:2026-07-18T14:00Z:50', 'limit:five_hour:2026-07-18T14:00Z:75'],
      [
        { channel: 'webhook:json', target: `${new URL(hooks.url('/')).origin}/…`, ok: false, attempts: 3, error: 'HTTP 500; gave up after 3 attempts' },
        { channel: 'webhook:slack', target: `${new URL(hooks.url('/')).origin}/…`, ok: true, attempts: 1, error: null },
      ],
    ],
  ]);
  assert.match(run.stderr, /limit:five_hour:2026-07-18T14:00Z:90 → webhook:json .*: failed \(HTTP 500; gave up after 3 attempts\)/);
  const failures = hooks.received.filter((r) => r.path === '/fail');
  const ok = hooks.received.filter((r) => r.path === '/ok');
  assert.deepEqual([failures.length, ok.length], [3, 1]);
  assert.ok(ok[0]!.at < failures[1]!.at, 'the working receiver was not kept waiting by the retries');

  const again = await runCli(['daemon', '--once'], { ...env, CCMETER_NOW: '2026-07-18T12:02:00Z' });
  assert.deepEqual([again.code, again.stdout, hooks.received.length], [0, 'no new alerts\n', 4]);
});

test('two watchers at once send an alert once; a stale value sends nothing', async (t) => {
  const hooks = await receiver(t);
  const { env } = setup(t, { alerts: { desktop: false, pace: noPace, webhooks: [{ url: hooks.url('/ok'), format: 'json' }] } }, { CCMETER_OFFLINE: '1' });
  statusline(env, '2026-07-18T12:00:00Z', { percent: 80, resetsAt: '2026-07-18T14:00:00Z' });
  const both = await Promise.all([1, 2].map(() => runCli(['daemon', '--once', '--json'], { ...env, CCMETER_NOW: '2026-07-18T12:01:00Z' })));
  const reports = both.map((r) => JSON.parse(r.stdout) as CycleReport);
  assert.deepEqual([reports.flatMap((r) => r.sent.map((s) => s.key)), hooks.received.length], [['limit:five_hour:2026-07-18T14:00Z:75'], 1]);

  statusline(env, '2026-07-18T12:05:00Z', { percent: 95, resetsAt: '2026-07-18T14:00:00Z' });
  const late = JSON.parse((await runCli(['daemon', '--once', '--json'], { ...env, CCMETER_NOW: '2026-07-18T12:45:00Z' })).stdout) as CycleReport;
  assert.deepEqual([late.sent, late.skipped, hooks.received.length], [[], [{ window: 'five_hour', reason: 'stale: last seen 40 min ago' }], 1]);
});

test('desktop notifications go through notify-send from PATH; `alerts test` reports each channel', { skip: process.platform === 'win32' }, async (t) => {
  const hooks = await receiver(t);
  const { dir, env } = setup(t, { alerts: { pace: noPace, webhooks: [{ url: hooks.url('/fail'), format: 'ntfy' }] } }, { CCMETER_OFFLINE: '1' });
  const argsFile = path.join(dir, 'notify-send.args');
  writeFileSync(path.join(dir, 'notify-send'), `#!/bin/sh\nprintf '%s\\0' "$@" >> "${argsFile}"\n`);
  chmodSync(path.join(dir, 'notify-send'), 0o755);
  const withFake = { ...env, PATH: `${dir}${path.delimiter}${process.env['PATH']}` };
  statusline(env, '2026-07-18T12:00:00Z', { percent: 55, resetsAt: '2026-07-18T14:00:00Z' });
  assert.equal((await runCli(['daemon', '--once'], { ...withFake, CCMETER_NOW: '2026-07-18T12:01:00Z' })).code, 0);
  const args = () => readFileSync(argsFile, 'utf8').split('\0').slice(0, -1);
  assert.deepEqual(args(), ['--app-name=ccmeter', '--urgency=normal', 'Session (5h): 55% used', 'Session (5h) is at 55% (alert at 50%). It resets in 1h59, at 14:00.']);

  const test = await runCli(['alerts', 'test'], { ...withFake, CCMETER_NOW: '2026-07-18T12:02:00Z' });
  assert.equal(test.code, 1);
  assert.equal(test.stdout, `desktop (notify-send): sent\nwebhook:ntfy (${new URL(hooks.url('/')).origin}/…): failed: HTTP 500; gave up after 3 attempts\n`);
  assert.deepEqual(args().slice(4), ['--app-name=ccmeter', '--urgency=normal', 'ccmeter test alert', 'This is a test from `ccmeter alerts test`: this channel works.']);
});
