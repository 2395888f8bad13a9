// The dashboard's gates: the token on every route (401 without it), the cookie set by the first page load,
// the Host and Origin checks against DNS rebinding (403), and never a CORS header.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bare, envFor, get, HOST, openDashboard, tempDir, TOKEN } from './helpers.ts';

const ROUTES = ['/', '/assets/app.js', '/api/daily', '/api/overview', '/api/limit-history', '/metrics', '/api/events', '/api/nothing-here'];

test('every route refuses a request without the token or with a wrong one (401)', async (t) => {
  const dashboard = await openDashboard(t, envFor(tempDir(t)));
  const missing = await Promise.all(ROUTES.map((r) => bare(dashboard, r, { host: HOST })));
  const wrong = await Promise.all(ROUTES.map((r) => bare(dashboard, r, { host: HOST, authorization: 'Bearer not-the-token' })));
  const wrongQuery = await Promise.all(ROUTES.map((r) => bare(dashboard, `${r}?token=not-the-token`, { host: HOST })));
  assert.deepEqual(missing.map((r) => r.status), ROUTES.map(() => 401));
  assert.deepEqual(wrong.map((r) => r.status), ROUTES.map(() => 401));
  assert.deepEqual(wrongQuery.map((r) => r.status), ROUTES.map(() => 401));
  assert.equal(missing[0]!.headers.get('www-authenticate'), 'Bearer realm="ccmeter dashboard"');
  assert.match(wrong[0]!.headers.get('www-authenticate')!, /error="invalid_token"/);
});

test('the bearer token opens every route', async (t) => {
  const dashboard = await openDashboard(t, envFor(tempDir(t)));
  const answers = await Promise.all(['/', '/assets/app.js', '/assets/app.css', '/api/daily', '/metrics'].map((r) => get(dashboard, r)));
  assert.deepEqual(answers.map((r) => r.status), [200, 200, 200, 200, 200]);
  assert.match(answers[0]!.headers.get('content-type')!, /^text\/html/);
  assert.match(await answers[0]!.text(), /<title>ccmeter dashboard<\/title>/);
  assert.match(answers[1]!.headers.get('content-type')!, /^text\/javascript/);
});

test('?token= on the first page load sets an HttpOnly, SameSite=Strict cookie that then stands for the token', async (t) => {
  const dashboard = await openDashboard(t, envFor(tempDir(t)));
  const page = await bare(dashboard, `/?token=${TOKEN}`, { host: HOST });
  const cookie = page.headers.get('set-cookie')!;
  const pair = cookie.split(';')[0]!;
  const api = await bare(dashboard, '/api/daily', { host: HOST, cookie: pair });
  const badCookie = await bare(dashboard, '/api/daily', { host: HOST, cookie: pair.replace(/=.*/, '=forged') });
  const badBearerGoodCookie = await bare(dashboard, '/api/daily', { host: HOST, cookie: pair, authorization: 'Bearer forged' });
  assert.equal(page.status, 200);
  assert.match(cookie, /^ccmeter_dashboard_41234=test-token-0123456789; /);
  assert.match(cookie, /; HttpOnly/);
  assert.match(cookie, /; SameSite=Strict/);
  assert.match(cookie, /; Path=\//);
  assert.equal(api.status, 200);
  assert.equal(api.headers.get('set-cookie'), null);
  assert.equal(badCookie.status, 401);
  assert.equal(badBearerGoodCookie.status, 401);
});

test('a Host that is not this server is refused (403), before the token is looked at', async (t) => {
  const dashboard = await openDashboard(t, envFor(tempDir(t)));
  const foreign = ['evil.example', 'evil.example:41234', '127.0.0.1', '127.0.0.1:80', 'localhost:9999', '192.168.1.10:41234', '127.0.0.1.evil.example:41234'];
  const refused = await Promise.all(foreign.map((host) => bare(dashboard, '/api/daily', { host, authorization: `Bearer ${TOKEN}` })));
  const noHost = await bare(dashboard, '/api/daily', { authorization: `Bearer ${TOKEN}` });
  const allowed = await Promise.all(['127.0.0.1:41234', 'localhost:41234', 'LOCALHOST:41234'].map((host) => bare(dashboard, '/api/daily', { host, authorization: `Bearer ${TOKEN}` })));
  assert.deepEqual(refused.map((r) => r.status), foreign.map(() => 403));
  assert.equal(noHost.status, 403);
  assert.deepEqual(allowed.map((r) => r.status), [200, 200, 200]);
});

test('a request from another origin is refused (403); the page\'s own origin is not', async (t) => {
  const dashboard = await openDashboard(t, envFor(tempDir(t)));
  const foreign = await get(dashboard, '/api/daily', { origin: 'http://evil.example' });
  const own = await get(dashboard, '/api/daily', { origin: `http://${HOST}` });
  assert.equal(foreign.status, 403);
  assert.equal(own.status, 200);
});

test('no answer carries a CORS header, preflights included', async (t) => {
  const dashboard = await openDashboard(t, envFor(tempDir(t)));
  const answers = await Promise.all([
    get(dashboard, '/api/daily', { origin: `http://${HOST}` }),
    get(dashboard, '/api/daily', { origin: 'http://evil.example' }),
    bare(dashboard, '/api/daily', { host: HOST, origin: 'http://evil.example', 'access-control-request-method': 'GET' }, 'OPTIONS'),
    bare(dashboard, '/api/daily', { host: HOST, authorization: `Bearer ${TOKEN}`, 'access-control-request-method': 'GET' }, 'OPTIONS'),
    bare(dashboard, '/metrics', { host: HOST }),
  ]);
  const cors = answers.flatMap((r) => [...r.headers.keys()].filter((k) => k.startsWith('access-control-')));
  assert.deepEqual(cors, []);
  assert.deepEqual(answers.map((r) => r.status), [200, 403, 403, 404, 401]);
});

test('answers forbid framing and sniffing and are not cached', async (t) => {
  const dashboard = await openDashboard(t, envFor(tempDir(t)));
  const res = await get(dashboard, '/');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.match(res.headers.get('content-security-policy')!, /default-src 'none'; script-src 'self'/);
});
