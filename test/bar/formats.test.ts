// `ccmeter bar --format F` on fixture histories: each output follows its format's rules and matches its
// snapshot (test/bar/snapshots/<format>-<scenario>.txt).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ccmeter } from '../helpers/cli.ts';
import { barFixture, portable, SCENARIOS } from './fixture.ts';
import { RULES } from './rules.ts';
import { matchSnapshot } from './snapshot.ts';

for (const scenario of SCENARIOS) {
  for (const [format, problems] of Object.entries(RULES)) {
    test(`${format}, ${scenario}: follows the format and matches its snapshot`, async (t) => {
      const env = await barFixture(t, scenario);
      const r = ccmeter(['bar', '--format', format], env);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.deepEqual(problems(r.stdout), []);
      matchSnapshot(`${format}-${scenario}`, portable(r.stdout));
    });
  }
}

test('without a ledger the bar says so and creates nothing', async (t) => {
  const env = await barFixture(t, 'empty');
  const r = ccmeter(['bar', '--format', 'waybar'], env);
  assert.deepEqual(JSON.parse(r.stdout), { text: 'ccmeter: no data', alt: 'none', tooltip: 'No usage stored yet: run `ccmeter` once, and `ccmeter statusline install` for official limits.', class: 'nodata', percentage: 0 });
  assert.equal(existsSync(path.join(env['CCMETER_HOME']!, 'ledger.db')), false);
});

test('waybar: the binding window drives text, class and percentage; the tooltip lists every window and the costs', async (t) => {
  const env = await barFixture(t, 'full');
  const o = JSON.parse(ccmeter(['bar', '--format', 'waybar'], env).stdout) as Record<string, string>;
  assert.equal(o['text'], '7d 81% ↻3d03h');
  assert.equal(o['class'], 'high');
  assert.equal(o['percentage'], 81);
  assert.deepEqual(o['tooltip']!.split('\n'), [
    'Session (5h): 62% · resets in 1h 30m (13:30) · statusline, 5m ago · runs out in 1h 16m',
    'Week, all models ◀: 81% · resets in 3d 03h (Tue 15:00) · statusline, 5m ago',
    'Week, Opus: 40% · resets in 3d 03h (Tue 15:00) · oauth, 20m ago',
    'Usage credits: 12% ($6.00 of $50.00) · oauth, 20m ago',
    'Today: $0.07 (2 requests)',
    'This month: $0.37',
    '5-hour block: $0.07, $0.02/h, ends 13:30',
  ]);
});

test('json: the shared view every format renders', async (t) => {
  const env = await barFixture(t, 'full');
  const v = JSON.parse(ccmeter(['bar', '--format', 'json'], env).stdout) as { binding: { window: string }; windows: { window: string }[]; today: unknown; month: unknown; hasData: boolean; planVerdict: null };
  assert.equal(v.binding.window, 'seven_day');
  assert.deepEqual(v.windows.map((w) => w.window), ['five_hour', 'seven_day', 'seven_day_opus', 'extra_usage']);
  assert.deepEqual(v.today, { from: '2026-07-18', requests: 2, costUSD: 0.07 });
  assert.deepEqual(v.month, { from: '2026-07-01', requests: 3, costUSD: 0.37 });
  assert.equal(v.hasData, true);
});

test('an unknown or missing format is a usage error', async (t) => {
  const env = await barFixture(t, 'empty');
  const unknown = ccmeter(['bar', '--format', 'conky'], env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown format[\s\S]*xbar, swiftbar, waybar, polybar, i3blocks, tmux, json/);
  assert.equal(ccmeter(['bar'], env).code, 2);
});
