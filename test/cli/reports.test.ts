// The reports as a user sees them: the built CLI over a fixed sample history, TZ and NO_COLOR fixed,
// compared with the snapshot files in test/cli/snapshots/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after } from 'node:test';
import { writeDemoHistory } from '../../src/app/demo-history.ts';
import { ccmeter } from '../helpers/cli.ts';
import { matchSnapshot } from '../helpers/snapshot.ts';

const NOW = '2026-11-20T12:00:00Z';
const dir = mkdtempSync(path.join(tmpdir(), 'ccmeter-reports-'));
const env = { CLAUDE_CONFIG_DIR: path.join(dir, 'claude'), CCMETER_HOME: path.join(dir, 'home'), CCMETER_NOW: NOW, TZ: 'Europe/Paris', NO_COLOR: '1', COLUMNS: '120', CCMETER_OFFLINE: '1' };
before(() => writeDemoHistory(env.CLAUDE_CONFIG_DIR, Date.parse(NOW)));
after(() => rmSync(dir, { recursive: true, force: true }));

const CASES: [string, string[], Record<string, string>?][] = [
  ['daily.txt', ['daily']],
  ['daily-compact.txt', ['daily', '--since', '2026-11-10'], { COLUMNS: '80' }],
  ['weekly-sunday.txt', ['weekly', '--week-start', 'sunday']],
  ['monthly-breakdown.txt', ['monthly', '--breakdown']],
  ['hourly.txt', ['hourly', '--since', '2026-11-19', '--until', '2026-11-19']],
  ['sessions.txt', ['sessions', '--since', '2026-11-17']],
  ['projects.txt', ['projects']],
  ['models.txt', ['models']],
  ['monthly.csv', ['monthly', '--csv']],
  ['daily-utc.json', ['daily', '--json', '--tz', 'UTC', '--since', '2026-11-15']],
  // the overview: no limit data yet (the note wrapped to the width), today, week, month, 7 days, all time
  ['overview.txt', [], { COLUMNS: '80' }],
  // months after the last log line: every recent figure is zero, the all-time line still tells the story
  ['overview-later.txt', [], { CCMETER_NOW: '2027-03-01T12:00:00Z' }],
];

for (const [file, args, extra] of CASES) {
  const settings = Object.entries(extra ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
  test(`ccmeter ${args.join(' ')}${settings ? ` (${settings})` : ''} matches snapshots/${file}`, () => {
    const r = ccmeter(args, { ...env, ...extra });
    assert.equal(r.code, 0, r.stderr);
    matchSnapshot(r.stdout, path.join(import.meta.dirname, 'snapshots', file));
  });
}

test('the overview JSON carries the whole history: the sum of the daily rows, first and last local day', () => {
  const overview = JSON.parse(ccmeter(['--json'], env).stdout) as { allTime: { requests: number; costUSD: number; firstActivity: string; lastActivity: string } };
  const daily = JSON.parse(ccmeter(['daily', '--json'], env).stdout) as { rows: { key: string }[]; totals: { requests: number; costUSD: number } };
  assert.equal(overview.allTime.requests, daily.totals.requests);
  assert.ok(Math.abs(overview.allTime.costUSD - daily.totals.costUSD) < 1e-9);
  assert.equal(overview.allTime.firstActivity, daily.rows[0]!.key);
  assert.equal(overview.allTime.lastActivity, daily.rows.at(-1)!.key);
});

test('the totals are the sum of the rows, to the bit, in every JSON report', () => {
  for (const kind of ['daily', 'weekly', 'monthly', 'hourly', 'sessions', 'projects', 'models']) {
    const report = JSON.parse(ccmeter([kind, '--json'], env).stdout) as { rows: Record<string, number>[]; totals: Record<string, number> };
    for (const k of Object.keys(report.totals)) {
      assert.equal(report.rows.reduce((s, r) => s + r[k]!, 0), report.totals[k], `${kind} ${k}`);
    }
  }
});

test('a wrong flag is a usage error (exit 2) with a message, not a crash', () => {
  const r = ccmeter(['daily', '--since', 'yesterday'], env);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--since yesterday: not a date/);
  assert.equal(ccmeter(['daily', '--frobnicate'], env).code, 2);
  assert.equal(ccmeter(['daily', '--tz', 'Mars/Olympus'], env).code, 2);
});

test('a reader that stops early (`| head -1`) ends the output quietly: no crash, exit 0', () => {
  ccmeter(['daily'], env); // the ledger is filled before the pipe test
  const bin = path.join(import.meta.dirname, '../../bin/ccmeter.js');
  // the reader takes nothing and goes away: the pipe fills, ccmeter queues the rest, then the pipe breaks
  const script = `"${process.execPath}" "${bin}" hourly --json --breakdown | (sleep 1; exit 0); echo "rc=\${PIPESTATUS[0]}" >&2`;
  const r = spawnSync('bash', ['-c', script], { env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent-home', ...env }, encoding: 'utf8' });
  assert.match(r.stderr, /rc=0\n$/, r.stderr);
  assert.doesNotMatch(r.stderr, /EPIPE|Error|crashed/);
});
