// `ccmeter statusline` run as Claude Code runs it: status JSON on stdin, one line on stdout.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { ANSI, ccmeter } from '../helpers/cli.ts';
import { assistant, SESSION, tempDir, writeProjects } from '../helpers/fixtures.ts';

const NOW = '2026-07-18T12:00:00Z';
const epoch = (iso: string) => Date.parse(iso) / 1000;

function setup(t: TestContext) {
  const dir = tempDir(t);
  const claude = path.join(dir, 'claude');
  writeProjects(claude, {
    '-home-dev-project/11111111-2222-4333-8444-555555555555.jsonl': [
      // Opus 4.8: 1,000 in + 2,000 out = 1,000·5 + 2,000·25 = $0.055
      assistant({ id: 'msg_a', model: 'claude-opus-4-8', ts: '2026-07-18T11:00:00Z', usage: { input_tokens: 1000, output_tokens: 2000 } }),
    ],
    '-home-dev-project/99999999-2222-4333-8444-555555555555.jsonl': [
      // another session today: 2,000 in = $0.01
      assistant({ id: 'msg_b', model: 'claude-opus-4-8', ts: '2026-07-18T09:00:00Z', sessionId: '99999999-2222-4333-8444-555555555555', usage: { input_tokens: 2000, output_tokens: 0 } }),
    ],
  });
  const env = { CCMETER_HOME: path.join(dir, 'home'), CLAUDE_CONFIG_DIR: claude, TZ: 'UTC', CCMETER_NOW: NOW, NO_COLOR: '1', CCMETER_OFFLINE: '1' };
  const transcript = path.join(claude, 'projects/-home-dev-project/11111111-2222-4333-8444-555555555555.jsonl');
  return { env, transcript };
}

const status = (transcript: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    session_id: SESSION,
    transcript_path: transcript,
    model: { id: 'claude-opus-4-8', display_name: 'Opus' },
    cost: { total_cost_usd: 0.06 },
    context_window: { used_percentage: 62.4, context_window_size: 200000 },
    rate_limits: { five_hour: { used_percentage: 23.5, resets_at: epoch('2026-07-18T13:30:00Z') }, seven_day: { used_percentage: 81, resets_at: epoch('2026-07-21T15:00:00Z') } },
    ...extra,
  });

test('prints limits with percent and countdown, the session and today cost, and context use', (t) => {
  const { env, transcript } = setup(t);
  const r = ccmeter(['statusline'], env, status(transcript));
  assert.equal(r.code, 0, r.stderr);
  // it reads only the current transcript: today is this session's $0.055 until something reads the rest
  assert.equal(r.stdout, '5h ▰▱▱▱▱ 24% ↻1h30m · 7d ▰▰▰▰▱ 81% ↻3d03h · $0.06 session · $0.06 today · ctx 62%\n');
  ccmeter(['daily', '--json'], env);
  const after = ccmeter(['statusline'], env, status(transcript));
  assert.equal(after.stdout, '5h ▰▱▱▱▱ 24% ↻1h30m · 7d ▰▰▰▰▱ 81% ↻3d03h · $0.06 session · $0.07 today · ctx 62%\n');
});

test('records the rate limits in the ledger, where `ccmeter limits` finds them', (t) => {
  const { env, transcript } = setup(t);
  ccmeter(['statusline'], env, status(transcript));
  const r = ccmeter(['limits', '--json', '--offline'], env);
  const view = JSON.parse(r.stdout) as { windows: { window: string; usedPercent: number; source: string; resetsAt: string }[]; binding: string };
  assert.deepEqual(
    view.windows.map((w) => [w.window, w.usedPercent, w.source, w.resetsAt]),
    [
      ['five_hour', 23.5, 'statusline', '2026-07-18T13:30:00.000Z'],
      ['seven_day', 81, 'statusline', '2026-07-21T15:00:00.000Z'],
    ],
  );
  assert.equal(view.binding, 'seven_day');
});

test('without rate_limits (an API-key user, or before the first response) the line shows costs and says so', (t) => {
  const { env, transcript } = setup(t);
  const r = ccmeter(['statusline'], env, status(transcript, { rate_limits: undefined }));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'limits: no data yet · $0.06 session · $0.06 today · ctx 62%\n');
});

test('extra fields are ignored and missing or malformed ones degrade the line, never fail it', (t) => {
  const { env, transcript } = setup(t);
  const odd = JSON.stringify({ session_id: SESSION, transcript_path: transcript, vim: { mode: 'INSERT' }, pr: { number: 7 }, rate_limits: { five_hour: { used_percentage: 'lots' }, seven_day: 3 } });
  const r = ccmeter(['statusline'], env, odd);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'limits: no data yet · $0.06 session · $0.06 today\n');
  const json = JSON.parse(ccmeter(['statusline', '--json'], env, odd).stdout) as { problems: string[] };
  assert.deepEqual(json.problems, ['rate_limits.five_hour.used_percentage is missing or not a number', 'rate_limits.seven_day is not an object']);
  const broken = ccmeter(['statusline'], env, '{"session_id": "x", "rate_li');
  assert.equal(broken.code, 0);
  assert.equal(broken.stdout, 'limits: no data yet · $0.06 today\n');
});

test('empty stdin prints how to use it and exits non-zero', (t) => {
  const { env } = setup(t);
  const r = ccmeter(['statusline'], env, '');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /ccmeter statusline install/);
});

test('colours by threshold unless NO_COLOR', (t) => {
  const { env, transcript } = setup(t);
  const { NO_COLOR: _, ...colored } = env;
  const r = ccmeter(['statusline'], colored, status(transcript));
  assert.match(r.stdout, ANSI);
  assert.ok(r.stdout.includes('\u001b[35m▰▰▰▰▱ 81%'), 'the weekly bar at 81% is magenta');
  assert.ok(r.stdout.includes('\u001b[32m▰▱▱▱▱ 24%'), 'the 5-hour bar at 24% is green');
});
