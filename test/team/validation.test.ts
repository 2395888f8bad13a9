// The server checks every batch before writing any of it: not JSON or the wrong shape (400), too many rows
// or too many bytes (413), too many requests from one token (429). Each refusal is JSON with a message,
// and nothing of a refused batch is stored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRequest, syncBatchSchema } from '../../src/surfaces/server/sync-schema.ts';
import { noPostgres } from '../helpers/postgres.ts';
import { batch, pushed, serverTotals, teamRig } from './helpers.ts';

const skip = noPostgres;

test('malformed batches get 400 with a message naming the problem, and nothing is written', { skip }, async (t) => {
  const rig = await teamRig(t);
  const token = await rig.member('alice');
  const good = pushed({ key: 'good' });
  const answers = await Promise.all([
    rig.call('/api/sync', token, '{"machine": "laptop", "requests": ['),
    rig.call('/api/sync', token, batch([good, pushed({ key: 'bad', outputTokens: -5 })])),
    rig.call('/api/sync', token, batch([good, { ...good, key: 'extra', sql: 'DROP TABLE requests' } as typeof good])),
    rig.call('/api/sync', token, { machine: 'laptop', requests: [good] }),
    rig.call('/api/sync', token, batch([good], [{ source: 'guess' as 'oauth', window: 'five_hour', firstSeen: 1, observedAt: 1, usedPercent: 5, resetsAt: null }])),
    rig.call('/api/sync', token, batch([good, pushed({ key: 'nul', project: 'a\u0000b' })])),
  ]);
  assert.deepEqual(answers.map((r) => r.status), [400, 400, 400, 400, 400, 400]);
  const errors = await Promise.all(answers.map(async (r) => ((await r.json()) as { error: string }).error));
  assert.deepEqual(errors, [
    'the body is not JSON',
    'invalid batch: requests[1].outputTokens: Too small: expected number to be >=0',
    'invalid batch: requests[1].sql: unknown key',
    'invalid batch: limits: Invalid input: expected array, received undefined',
    'invalid batch: limits[0].source: Invalid option: expected one of "statusline"|"oauth"',
    'text must not contain NUL characters (\\u0000)',
  ]);
  assert.equal((await serverTotals(rig.store)).requests, 0);
});

test('oversized batches get 413 and nothing is written', { skip }, async (t) => {
  const rig = await teamRig(t, { sync: { maxRequests: 10, maxLimits: 2, maxBodyBytes: 20_000 } });
  const token = await rig.member('alice');
  const rows = (n: number, over = {}) => Array.from({ length: n }, (_, i) => pushed({ key: `msg_${i}`, ...over }));
  const snapshot = { source: 'oauth' as const, window: 'five_hour', firstSeen: 1, observedAt: 1, usedPercent: 5, resetsAt: null };
  const answers = await Promise.all([
    rig.call('/api/sync', token, batch(rows(11))),
    rig.call('/api/sync', token, batch(rows(1), [snapshot, { ...snapshot, firstSeen: 2 }, { ...snapshot, firstSeen: 3 }])),
    rig.call('/api/sync', token, batch(rows(10, { cwd: 'x'.repeat(3000) }))),
  ]);
  assert.deepEqual(answers.map((r) => r.status), [413, 413, 413]);
  assert.deepEqual(await Promise.all(answers.map((r) => r.json())), [
    { error: 'batch too large: at most 10 requests per batch' },
    { error: 'batch too large: at most 2 limit snapshots per batch' },
    { error: 'body too large: at most 20000 bytes per batch' },
  ]);
  assert.equal((await serverTotals(rig.store)).requests, 0);
  assert.equal((await rig.call('/api/sync', token, batch(rows(10)))).status, 200);
});

test('a token over its rate limit gets 429 with Retry-After', { skip }, async (t) => {
  const rig = await teamRig(t, { rate: { perMinute: 60, burst: 3 }, now: () => 1_000_000 });
  const [alice, bob] = [await rig.member('alice'), await rig.member('bob')];
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await rig.call('/api/me', alice)).status);
  assert.deepEqual(statuses, [200, 200, 200, 429]);
  const limited = await rig.call('/api/sync', alice, batch([pushed()]));
  assert.deepEqual([limited.status, limited.headers.get('Retry-After'), await limited.json()], [429, '1', { error: 'rate limit: at most 60 requests a minute per token' }]);
  assert.equal((await rig.call('/api/me', bob)).status, 200);
  assert.equal((await serverTotals(rig.store)).requests, 0);
});

test('the fast request check never accepts a request the schema refuses', () => {
  const good = pushed();
  const bad: Record<string, unknown>[] = [
    ...['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheCreation1hTokens', 'cacheReadTokens', 'webSearchRequests', 'webFetchRequests'].flatMap((k) =>
      [-1, 1.5, '3', null, 2 ** 53].map((v) => ({ ...good, [k]: v })),
    ),
    ...[-1, '1', 9e15, null].map((ts) => ({ ...good, ts })),
    ...['tsKnown', 'fast', 'geoUs', 'agent'].flatMap((k) => [1, 'true', null].map((v) => ({ ...good, [k]: v }))),
    ...['', 'k'.repeat(257), 5].map((key) => ({ ...good, key })),
    { ...good, sessionId: 's'.repeat(257) },
    { ...good, sessionId: null },
    { ...good, project: 'p'.repeat(1025) },
    { ...good, cwd: 'c'.repeat(4097) },
    { ...good, cwd: 5 },
    { ...good, model: null },
    { ...good, version: 'v'.repeat(65) },
    { ...good, version: 1 },
    { ...good, file: '/home/dev/app.jsonl' },
    Object.fromEntries(Object.entries(good).filter(([k]) => k !== 'model')),
    JSON.parse(JSON.stringify(good).replace('{', '{"__proto__":{"x":1},')) as Record<string, unknown>,
  ];
  assert.equal(isRequest(good), true);
  assert.deepEqual(bad.map(isRequest), bad.map(() => false));
  assert.deepEqual(bad.map((r) => syncBatchSchema.safeParse(batch([r as typeof good])).success), bad.map(() => false));
});
