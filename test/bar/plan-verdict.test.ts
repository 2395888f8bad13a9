// The plan verdict in the menus: `ccmeter plan`'s recommendation in one line, when Claude Code records the
// user's plan in .claude.json; kept for hours in the state folder, since the advisor is slow and its
// answer moves slowly.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ccmeter } from '../helpers/cli.ts';
import { barFixture, NOW } from './fixture.ts';

const verdict = /^Plan: .+ fits best(, about \$\d+\.\d\d a month)?( \(your plan\))?$/m;

test('xbar, SwiftBar and Waybar show the plan verdict when the plan is known; the one-line panels do not', async (t) => {
  const env = await barFixture(t, 'full');
  writeFileSync(path.join(env['CLAUDE_CONFIG_DIR']!, '.claude.json'), JSON.stringify({ oauthAccount: { organizationRateLimitTier: 'default_claude_max_5x' } }));
  const xbar = ccmeter(['bar', '--format', 'xbar'], env).stdout;
  assert.match(xbar, verdict);
  const line = verdict.exec(xbar)![0];
  assert.ok(ccmeter(['bar', '--format', 'swiftbar'], env).stdout.split('\n').includes(line));
  assert.ok((JSON.parse(ccmeter(['bar', '--format', 'waybar'], env).stdout) as { tooltip: string }).tooltip.split('\n').includes(line));
  assert.doesNotMatch(ccmeter(['bar', '--format', 'tmux'], env).stdout, /Plan/);
  const cached = JSON.parse(readFileSync(path.join(env['CCMETER_HOME']!, 'state', 'bar-plan.json'), 'utf8')) as { computedAt: number; verdict: string };
  assert.deepEqual(cached, { computedAt: Date.parse(NOW), verdict: line.slice('Plan: '.length) });
});

test('without a known plan there is no verdict line', async (t) => {
  const env = await barFixture(t, 'full');
  assert.doesNotMatch(ccmeter(['bar', '--format', 'xbar'], env).stdout, /^Plan:/m);
});
