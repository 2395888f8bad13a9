// `ccmeter doctor` in temporary homes: each billing-mode variable and settings file, credentials, ledger.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { ccmeter } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';

interface Check {
  id: string;
  status: string;
  detail: string;
}

function home(t: TestContext, o: { settings?: Record<string, unknown>; login?: { expiresAt: number; scopes?: string[] } } = {}) {
  const dir = tempDir(t);
  const claude = path.join(dir, 'claude');
  mkdirSync(path.join(claude, 'projects'), { recursive: true });
  if (o.settings) writeFileSync(path.join(claude, 'settings.json'), JSON.stringify(o.settings));
  if (o.login) {
    const blob = { claudeAiOauth: { accessToken: 'sk-ant-oat01-doctor-test', refreshToken: 'x', expiresAt: o.login.expiresAt, scopes: o.login.scopes ?? ['user:inference', 'user:profile'], subscriptionType: 'max', rateLimitTier: 'default_claude_max_5x' } };
    writeFileSync(path.join(claude, '.credentials.json'), JSON.stringify(blob));
  }
  return { CLAUDE_CONFIG_DIR: claude, CCMETER_HOME: path.join(dir, 'home'), HOME: dir, CCMETER_NOW: '2026-07-18T12:00:00Z' };
}

function run(env: Record<string, string>) {
  const r = ccmeter(['doctor', '--json'], env);
  const report = JSON.parse(r.stdout) as { checks: Check[]; ok: boolean };
  return { code: r.code, ok: report.ok, check: (id: string) => report.checks.find((c) => c.id === id)! };
}

const LOGGED_IN = { expiresAt: Date.parse('2026-07-19T00:00:00Z') };

for (const variable of ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX']) {
  test(`${variable} with a subscription login fails: Claude Code bills the API instead`, (t) => {
    const r = run({ ...home(t, { login: LOGGED_IN }), [variable]: '1' });
    assert.equal(r.code, 1);
    assert.equal(r.ok, false);
    assert.equal(r.check('billing').status, 'fail');
    assert.match(r.check('billing').detail, new RegExp(`${variable} .*set.*paying twice`));
  });
}

test('an API key without a subscription login is only information: plan limits do not apply', (t) => {
  const r = run({ ...home(t), ANTHROPIC_API_KEY: 'sk-ant-api03-x' });
  assert.equal(r.code, 0);
  assert.equal(r.check('billing').status, 'info');
});

test('apiKeyHelper and a settings env block are billing routes too', (t) => {
  assert.equal(run(home(t, { login: LOGGED_IN, settings: { apiKeyHelper: '~/bin/key.sh' } })).check('billing').status, 'fail');
  const viaEnv = run(home(t, { login: LOGGED_IN, settings: { env: { CLAUDE_CODE_USE_BEDROCK: '1' } } }));
  assert.match(viaEnv.check('billing').detail, /Bedrock/);
  assert.equal(run(home(t, { login: LOGGED_IN, settings: { model: 'opus' } })).check('billing').status, 'ok');
});

test('credentials: present, expired, lacking the usage scope; the plan from the rate-limit tier', (t) => {
  const ok = run(home(t, { login: LOGGED_IN }));
  assert.equal(ok.check('credentials').status, 'ok');
  assert.match(ok.check('plan').detail, /max 5x .*default_claude_max_5x/);
  assert.match(run(home(t, { login: { expiresAt: Date.parse('2026-07-18T11:00:00Z') } })).check('credentials').detail, /expired at 2026-07-18T11:00:00.000Z/);
  assert.match(run(home(t, { login: { ...LOGGED_IN, scopes: ['user:inference'] } })).check('credentials').detail, /lacks the user:profile scope/);
  assert.equal(run(home(t)).check('credentials').status, 'warn');
});

test('retention and statusline come from settings.json', (t) => {
  const env = home(t, { settings: { cleanupPeriodDays: 3 } });
  const r = run(env);
  assert.equal(r.check('retention').status, 'warn');
  assert.match(r.check('retention').detail, /after 3 days/);
  assert.equal(r.check('statusline').status, 'warn');
  ccmeter(['statusline', 'install'], env);
  assert.equal(run(env).check('statusline').status, 'ok');
});

test('a damaged ledger fails the ledger check', (t) => {
  const env = home(t);
  mkdirSync(env.CCMETER_HOME, { recursive: true });
  writeFileSync(path.join(env.CCMETER_HOME, 'ledger.db'), 'garbage '.repeat(1000));
  const r = run(env);
  assert.equal(r.code, 1);
  assert.equal(r.check('ledger').status, 'fail');
  assert.match(r.check('ledger').detail, /cannot be read/);
});

test('doctor as text wraps each check and its fix to the terminal, continuation lines indented', (t) => {
  const r = ccmeter(['doctor'], { ...home(t), NO_COLOR: '1', COLUMNS: '60' });
  const lines = r.stdout.trimEnd().split('\n');
  // a path longer than the width cannot be broken; every other line fits
  assert.deepEqual(lines.filter((l) => [...l].length > 60 && !/\/\S{40,}/.test(l)), []);
  assert.ok(lines.some((l) => l.startsWith('    → ')), 'fixes are shown under failing checks');
  assert.ok(lines.every((l) => /^[✓i!✗] \S/.test(l) || /^ {2}\S/.test(l) || /^ {4}→ \S/.test(l) || /^ {6}\S/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^ {2}\S/.test(l)) && lines.some((l) => /^ {6}\S/.test(l)), 'some check and some fix wrapped');
});
