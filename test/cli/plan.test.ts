import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { writeDemoHistory } from '../../src/app/demo-history.ts';
import { ccmeter } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';

test('plan --json gives every month the API cost monthly --json reports for it', (t) => {
  const dir = tempDir(t);
  const now = '2026-11-20T12:00:00Z';
  writeDemoHistory(path.join(dir, 'claude'), Date.parse(now));
  const env = { CLAUDE_CONFIG_DIR: path.join(dir, 'claude'), CCMETER_HOME: path.join(dir, 'home'), CCMETER_NOW: now, TZ: 'Europe/Paris', CCMETER_OFFLINE: '1' };
  const plan = JSON.parse(ccmeter(['plan', '--json', '--months', '3'], env).stdout) as { periods: { key: string; apiCostUSD: number }[]; recommendation: { option: string } };
  const monthly = JSON.parse(ccmeter(['monthly', '--json'], env).stdout) as { rows: { key: string; costUSD: number }[] };
  const months = plan.periods.filter((p) => p.key !== 'last-30-days');
  assert.deepEqual(months.map((p) => p.key), ['2026-09', '2026-10', '2026-11']);
  for (const p of months) assert.equal(p.apiCostUSD, monthly.rows.find((r) => r.key === p.key)?.costUSD ?? 0, p.key);
  assert.ok(months.some((p) => p.apiCostUSD > 10));
  assert.ok(['api', 'pro', 'max_5x', 'max_20x'].includes(plan.recommendation.option));
});

test('plan refuses an unknown plan name with a usage error', (t) => {
  const r = ccmeter(['plan', '--plan', 'max_7x'], { CCMETER_HOME: path.join(tempDir(t), 'h'), CLAUDE_CONFIG_DIR: tempDir(t) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--plan max_7x: not a plan/);
});

test('plan as text fits a narrow terminal: prose wrapped, the table narrowed, nothing past the width', (t) => {
  const dir = tempDir(t);
  const now = '2026-11-20T12:00:00Z';
  writeDemoHistory(path.join(dir, 'claude'), Date.parse(now));
  const env = { CLAUDE_CONFIG_DIR: path.join(dir, 'claude'), CCMETER_HOME: path.join(dir, 'home'), CCMETER_NOW: now, TZ: 'Europe/Paris', CCMETER_OFFLINE: '1', NO_COLOR: '1', COLUMNS: '72' };
  const r = ccmeter(['plan', '--months', '2'], env);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.deepEqual(lines.filter((l) => [...l].length > 72), []);
  assert.ok(lines.some((l) => l.startsWith('Break-even: ')), 'the break-even sentence is there');
  assert.ok(lines.some((l) => /^Models: \S/.test(l) && !l.startsWith('Models: ;')));
});
