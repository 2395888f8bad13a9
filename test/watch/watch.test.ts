// `ccmeter watch` used as a person uses it: started from a shell in a real terminal (tmux), read on screen,
// resized, and left with q, Ctrl-C or SIGTERM, after which the shell and its screen are back.
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ccmeter } from '../helpers/cli.ts';
import { assistant } from '../helpers/fixtures.ts';
import { watchFixture } from './fixture.ts';
import { openTerminal, PROMPT, type Terminal } from './tmux.ts';

const ready = /Latest requests/;
const promptBack = (rows: string[]) => rows.filter(Boolean).at(-1) === PROMPT.trimEnd();
const row = (rows: string[], start: RegExp) => rows.find((r) => start.test(r)) ?? '';
/** Cells of the bar in a limit row. */
const barCells = (line: string) => (/[▰▱]+/.exec(line)?.[0] ?? '').length;

async function leftCleanly(term: Terminal): Promise<void> {
  await term.waitFor(promptBack);
  assert.equal(term.display('#{alternate_on}'), '0', 'the alternate screen is left');
  assert.equal(term.display('#{cursor_flag}'), '1', 'the cursor is shown again');
  term.type('echo "exit=$?"');
  await term.waitFor(/exit=0/);
}

test('shows limit bars with percentages, countdowns and data age, the block, the last hours, today and the latest requests', async (t) => {
  const fx = await watchFixture(t);
  const term = openTerminal(t, 120, 40);
  term.type(`sh ${fx.script}`);
  const rows = await term.waitFor(ready);
  assert.equal(term.display('#{alternate_on}'), '1', 'full screen, on the alternate screen');
  assert.match(rows[0]!, /^ccmeter watch {2}UTC · updated 15:00:00 {3}q quit · r refresh$/);
  assert.match(row(rows, /^ {2}Session \(5h\)/), /^ {2}Session \(5h\) +▰+▱+ +46% {2}resets in 2h 00m \(17:00\) +statusline, 0s ago +\+9\.6%\/h, lasts to reset$/);
  assert.match(row(rows, /^ {2}Week, all models/), / 49% {2}resets in 3d 00h \(Sat 15:00\) +statusline, 0s ago +\+1\.8%\/h, out in 1d 04h$/);
  assert.match(row(rows, /^ {2}Week, Opus/), /^ {2}Week, Opus ◀ +▰+▱+ +61% {2}resets in 3d 00h \(Sat 15:00\) +oauth, 20m ago$/);
  assert.match(row(rows, /^5-hour block/), /^5-hour block {2}\$\d+\.\d\d so far · \$\d+\.\d\d\/h · ~\$\d+\.\d\d at its end · 2h 00m left \(17:00\)$/);
  assert.match(row(rows, /^Last 6 hours/), /per 15 min$/);
  assert.match(row(rows, /^ {2}09:15 /), /now$/, 'the sparkline spans 09:15 to now');
  assert.match(row(rows, /^Today/), /^Today {2}\$\d+\.\d\d · \d+ requests$/);
  assert.match(rows.at(-1)!, /^ {2}\d\d:\d\d:\d\d {2}\S+ +\S+ +<?\$\d+\.\d\d {2}\S+ in · \S+ out/, 'the latest requests fill the screen');
  assert.equal(rows.length, 40);
  term.press('q');
  await leftCleanly(term);
});

test('with nothing stored yet, the view starts at the top and says how to get limit data', async (t) => {
  const fx = await watchFixture(t, 'empty');
  const term = openTerminal(t, 100, 30);
  term.type('echo earlier output');
  term.type(`sh ${fx.script}`);
  const rows = await term.waitFor(ready);
  assert.match(rows[0]!, /^ccmeter watch /);
  assert.deepEqual(rows.slice(2, 6), [
    'Limits',
    '  No official limit data yet. Run `ccmeter statusline install` (Claude Code then reports your',
    '  5-hour and weekly use after each message), or log in to Claude Code so ccmeter can read the',
    '  usage endpoint.',
  ]);
  assert.ok(rows.includes('5-hour block  no activity in the current window'));
  assert.ok(rows.includes('Today  $0.00 · 0 requests'));
  assert.ok(rows.includes('Latest requests  none yet'));
  term.press('q');
  await leftCleanly(term);
  assert.ok(term.screen().includes('earlier output'), 'the shell screen is back as it was');
});

test('redraws to fit when the terminal is resized', async (t) => {
  const fx = await watchFixture(t);
  const term = openTerminal(t, 120, 40);
  term.type(`sh ${fx.script}`);
  const wide = await term.waitFor(ready);
  assert.equal(barCells(row(wide, /^ {2}Session/)), 16);
  term.resize(80, 24);
  const narrow = await term.waitFor(/Session \(5h\) +▰+▱+ +46% {2}↻2h00m/);
  assert.equal(barCells(row(narrow, /^ {2}Session/)), 8);
  assert.equal(narrow.length, 24);
  assert.ok(narrow.every((r) => r.length <= 80), narrow.join('\n'));
  assert.ok(!narrow.join('\n').includes('lasts to reset'), 'the pace column gives way first');
  term.resize(100, 30);
  const medium = await term.waitFor(/Session \(5h\) +▰+▱+ +46% {2}resets in 2h 00m/);
  assert.equal(barCells(row(medium, /^ {2}Session/)), 22);
  assert.equal(medium.length, 30);
  term.press('q');
  await leftCleanly(term);
});

test('SIGTERM restores the terminal and exits cleanly', async (t) => {
  const fx = await watchFixture(t);
  const term = openTerminal(t, 120, 40);
  term.type(`sh ${fx.script}`);
  await term.waitFor(ready);
  process.kill(fx.pid(), 'SIGTERM');
  await leftCleanly(term);
});

test('Ctrl-C restores the terminal and exits cleanly', async (t) => {
  const fx = await watchFixture(t);
  const term = openTerminal(t, 120, 40);
  term.type(`sh ${fx.script}`);
  await term.waitFor(ready);
  term.press('C-c');
  await leftCleanly(term);
});

test('shows new requests as their lines land, and new limit readings as the statusline records them', async (t) => {
  const fx = await watchFixture(t);
  const term = openTerminal(t, 120, 40);
  term.type(`sh ${fx.script}`);
  await term.waitFor(ready);
  const project = path.join(fx.claude, 'projects', readdirSync(path.join(fx.claude, 'projects'))[0]!);
  const transcript = path.join(project, readdirSync(project).find((f) => f.endsWith('.jsonl'))!);
  appendFileSync(transcript, assistant({ id: 'msg_live', requestId: 'req_live', model: 'claude-opus-4-8', ts: '2026-07-15T14:59:00.000Z', usage: { input_tokens: 1000, output_tokens: 40_000 } }) + '\n');
  await term.waitFor(/Latest requests\n {2}14:59:00 {2}opus-4-8 +project +\$1\.0\d {2}1\.0K in · 40K out/);
  // a minute later, Claude Code reports the session window at 88%
  const resetsAt = Date.parse('2026-07-15T17:00:00Z') / 1000;
  const r = ccmeter(['statusline'], { ...fx.env, CCMETER_NOW: '2026-07-15T15:01:00Z' }, JSON.stringify({ session_id: 'live', rate_limits: { five_hour: { used_percentage: 88, resets_at: resetsAt } } }));
  assert.equal(r.code, 0, r.stderr);
  await term.waitFor(/Session \(5h\) ◀ +▰+▱+ +88%/);
  term.press('q');
  await leftCleanly(term);
});
