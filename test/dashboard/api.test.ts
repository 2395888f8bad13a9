// Every /api/<command> answers exactly what `ccmeter <command> --json` prints for the same options.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ccmeter } from '../helpers/cli.ts';
import { demoHistory, get, openDashboard, type Env } from './helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'ccmeter-dashboard-api-'));
let env: Env;
before(async () => {
  env = await demoHistory(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const CASES: [string, string[]][] = [
  ['/api/overview', ['overview']],
  ['/api/daily', ['daily']],
  ['/api/daily?since=2026-11-01&until=2026-11-15&breakdown', ['daily', '--since', '2026-11-01', '--until', '2026-11-15', '--breakdown']],
  ['/api/weekly', ['weekly']],
  ['/api/weekly?week-start=sunday', ['weekly', '--week-start', 'sunday']],
  ['/api/monthly?tz=UTC', ['monthly', '--tz', 'UTC']],
  ['/api/hourly?since=2026-11-18', ['hourly', '--since', '2026-11-18']],
  ['/api/sessions?since=2026-11-10&breakdown=true', ['sessions', '--since', '2026-11-10', '--breakdown']],
  ['/api/projects', ['projects']],
  ['/api/models?tz=America/New_York', ['models', '--tz', 'America/New_York']],
  ['/api/blocks', ['blocks']],
  ['/api/blocks?since=2026-11-19', ['blocks', '--since', '2026-11-19']],
  ['/api/limits', ['limits']],
  ['/api/limits?offline', ['limits', '--offline']],
  ['/api/overview?tz=Asia/Tokyo', ['overview', '--tz', 'Asia/Tokyo']],
  ['/api/plan', ['plan']],
  ['/api/plan?months=2&plan=pro&current=max_5x', ['plan', '--months', '2', '--plan', 'pro', '--current', 'max_5x']],
];

for (const [url, args] of CASES) {
  test(`GET ${url} is \`ccmeter ${args.join(' ')} --json\``, async (t) => {
    const dashboard = await openDashboard(t, env);
    const res = await get(dashboard, url);
    const cli = ccmeter([...args, '--json'], env);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(await res.text(), cli.stdout);
  });
}

test('a cached report is recomputed when new usage lands', async (t) => {
  const dashboard = await openDashboard(t, env);
  const before = (await (await get(dashboard, '/api/models')).json()) as { totals: { requests: number } };
  const again = (await (await get(dashboard, '/api/models')).json()) as { totals: { requests: number } };
  const { writeProjects, assistant } = await import('../helpers/fixtures.ts');
  writeProjects(env['CLAUDE_CONFIG_DIR']!, { 'late-project/late-session.jsonl': [assistant({ id: 'msg_late', requestId: 'req_late', ts: '2026-11-20T14:00:00.000Z', sessionId: 'late-session' })] });
  await dashboard.live.run('ingest');
  const after = (await (await get(dashboard, '/api/models')).json()) as { totals: { requests: number } };
  assert.deepEqual(again, before);
  assert.equal(after.totals.requests, before.totals.requests + 1);
});

test('options the command does not have, and bad values, are usage errors (400)', async (t) => {
  const dashboard = await openDashboard(t, env);
  const answers = await Promise.all(['/api/daily?week-start=monday', '/api/daily?since=yesterday', '/api/daily?since=2026-11-10&until=2026-11-01', '/api/daily?tz=Mars/Olympus', '/api/plan?months=40', '/api/limits?offline=perhaps', '/api/limit-history?days=0'].map((u) => get(dashboard, u)));
  const bodies = (await Promise.all(answers.map((r) => r.json()))) as { error: string }[];
  assert.deepEqual(answers.map((r) => r.status), [400, 400, 400, 400, 400, 400, 400]);
  assert.match(bodies[0]!.error, /\/api\/daily has no option \?week-start/);
  assert.match(bodies[1]!.error, /--since yesterday: not a date/);
  assert.match(bodies[3]!.error, /Unknown time zone "Mars\/Olympus"/);
});

test('GET /api/limit-history gives each window its readings, oldest first', async (t) => {
  const dashboard = await openDashboard(t, env);
  const res = await get(dashboard, '/api/limit-history?days=1');
  const body = (await res.json()) as { since: string; windows: { window: string; label: string; points: { at: string; usedPercent: number }[] }[] };
  assert.equal(res.status, 200);
  assert.equal(body.since, '2026-11-19T15:00:00.000Z');
  assert.deepEqual(body.windows.map((w) => w.window), ['five_hour', 'seven_day', 'seven_day_opus']);
  const five = body.windows[0]!.points;
  assert.equal(five[0]!.usedPercent, 22);
  assert.equal(five.at(-1)!.usedPercent, 46);
  assert.equal(five.at(-1)!.at, '2026-11-20T15:00:00.000Z');
  assert.deepEqual([...five].sort((a, b) => a.at.localeCompare(b.at)), five);
});
