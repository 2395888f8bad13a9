// Machines push their ledgers to the team server: overlapping histories from two machines of one member,
// pushed at the same time in small batches, add up to exactly the deduplicated union; repeats change
// nothing; new rows and limit readings follow on the next sync; an unreachable server loses nothing.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { PostgresLedger } from '../../src/ledger/postgres/postgres-ledger.ts';
import { assistant } from '../helpers/fixtures.ts';
import { assertUsage } from '../helpers/ledger.ts';
import { noPostgres } from '../helpers/postgres.ts';
import { localTotals, machine, reopen, serverTotals, sync, teamRig, unionTotals } from './helpers.ts';

const skip = noPostgres;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 15, 10, minute)).toISOString();
const lines = (prefix: string, n: number, over: Parameters<typeof assistant>[0] = {}) =>
  Array.from({ length: n }, (_, i) => assistant({ id: `msg_${prefix}${i}`, ts: at(i), ...over, usage: { input_tokens: 10 + i, output_tokens: 100 + i, cache_read_input_tokens: 1000 * i, ...over.usage } }));

/** Machine A saw the shared messages mid-stream (small output); machine B has complete copies, resumed an hour later. */
const laptop = { 'proj-a/s1.jsonl': [...lines('a', 30), ...lines('shared', 10, { usage: { output_tokens: 5 } })] };
const desktop = {
  'proj-b/s2.jsonl': lines('b', 30, { model: 'claude-opus-4-5-20251101', sessionId: 'desktop-session' }),
  'proj-a/resumed.jsonl': lines('shared', 10, { usage: { output_tokens: 420 }, sessionId: 'resumed-session' }).map((l) => l.replace(/T10:/, 'T11:')),
};

test('two machines of one member sync concurrently; the server holds the deduplicated union', { skip }, async (t) => {
  const rig = await teamRig(t);
  const token = await rig.member('alice');
  const [a, b] = await Promise.all([machine(t, laptop), machine(t, desktop)]);
  const reports = await Promise.all([sync(a, rig.target(token, { batchSize: 7, machine: 'laptop' })), sync(b, rig.target(token, { batchSize: 7, machine: 'desktop' }))]);
  assert.deepEqual(reports.map((r) => [r.requests, r.batches]), [[40, 6], [40, 6]]);
  const union = await unionTotals(t, [a.claude, b.claude]);
  assert.equal(union.requests, 70);
  assertUsage(await serverTotals(rig.store), union);
  const sessions = await new PostgresLedger(rig.store.db, rig.store.pricer, 0, 'all').rollup({ groupBy: 'session', tz: 'UTC' });
  assert.deepEqual(
    sessions.map((s) => [s.key, s.requests]),
    [['11111111-2222-4333-8444-555555555555', 40], ['desktop-session', 30]],
  );
});

test('a repeated sync sends nothing; a repeated batch changes nothing', { skip }, async (t) => {
  const rig = await teamRig(t);
  const token = await rig.member('alice');
  const a = await machine(t, laptop);
  const first = await sync(a, rig.target(token));
  assert.deepEqual([first.requests, first.batches], [40, 1]);
  const again = await sync(a, rig.target(token));
  assert.deepEqual([again.requests, again.batches], [0, 0]);
  const before = await serverTotals(rig.store);
  const batch = { machine: 'laptop', requests: [{ key: 'msg_a1', ts: Date.parse(at(1)), tsKnown: true, sessionId: 's', project: 'p', cwd: null, model: 'claude-sonnet-4-20250514', inputTokens: 11, outputTokens: 101, cacheCreationTokens: 0, cacheCreation1hTokens: 0, cacheReadTokens: 1000, webSearchRequests: 0, webFetchRequests: 0, fast: false, geoUs: false, agent: false, version: '2.0.76' }], limits: [] };
  const answers = await Promise.all([rig.call('/api/sync', token, batch), rig.call('/api/sync', token, batch)]);
  assert.deepEqual(answers.map((r) => r.status), [200, 200]);
  assert.deepEqual(await serverTotals(rig.store), before);
  assertUsage(await serverTotals(rig.store), await localTotals(a));
});

test('rows that arrive after a sync, and limit readings, are pushed by the next sync', { skip }, async (t) => {
  const rig = await teamRig(t);
  const token = await rig.member('alice');
  const a = await machine(t, laptop);
  await sync(a, rig.target(token));
  appendFileSync(path.join(a.claude, 'projects/proj-a/s1.jsonl'), lines('late', 5).join('\n') + '\n');
  const later = await reopen(t, a);
  const reading = { source: 'statusline' as const, window: 'five_hour', observedAt: Date.parse(at(50)), usedPercent: 42, resetsAt: Date.parse(at(59)) + 3_600_000, detail: { label: 'Current session' } };
  await later.ledger.recordLimitSnapshots([reading]);
  const next = await sync(later, rig.target(token));
  assert.deepEqual([next.requests, next.limits], [5, 1]);
  assertUsage(await serverTotals(rig.store), await localTotals(later));
  const member = new PostgresLedger(rig.store.db, rig.store.pricer, 0, 'all');
  assert.deepEqual(await member.limitHistory({}), await later.ledger.limitHistory({}));
});

test('a sync to an unreachable server fails, loses nothing, and the next sync catches up', { skip }, async (t) => {
  const rig = await teamRig(t);
  const token = await rig.member('alice');
  const a = await machine(t, laptop);
  const offline = rig.target(token, { fetch: async () => Promise.reject(new Error('connect ECONNREFUSED')), retryDelaysMs: [1] });
  await assert.rejects(sync(a, offline), /Could not sync to http:\/\/team\.test: connect ECONNREFUSED/);
  assert.equal((await serverTotals(rig.store)).requests, 0);
  const online = await sync(a, rig.target(token));
  assert.equal(online.requests, 40);
  assertUsage(await serverTotals(rig.store), await localTotals(a));
});
