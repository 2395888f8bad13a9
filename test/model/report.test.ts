import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RollupRow } from '../../src/ledger/ledger.ts';
import { buildRows, totalsOf } from '../../src/model/report.ts';

const cell = (key: string, model: string, costUSD: number, firstTs: number, lastTs: number, extra: Partial<RollupRow> = {}): RollupRow => ({
  key,
  model,
  requests: 1,
  inputTokens: 10,
  outputTokens: 20,
  cacheCreationTokens: 0,
  cacheCreation1hTokens: 0,
  cacheReadTokens: 5,
  webSearchRequests: 0,
  costUSD,
  firstTs,
  lastTs,
  agentRequests: 0,
  agentCostUSD: 0,
  ...extra,
});

test('buildRows sums a key\'s cells into one row, models by cost, sessions by last activity', () => {
  const cells = [
    cell('s-a', 'haiku', 0.25, Date.parse('2026-01-01T10:00:00Z'), Date.parse('2026-01-01T12:00:00Z'), { project: '-p', agentRequests: 1, agentCostUSD: 0.25 }),
    cell('s-a', 'opus', 1.5, Date.parse('2026-01-01T09:00:00Z'), Date.parse('2026-01-01T11:00:00Z'), { project: '-p' }),
    cell('s-b', 'sonnet', 0.5, Date.parse('2026-01-01T08:00:00Z'), Date.parse('2026-01-01T08:30:00Z'), { project: '-q' }),
  ];
  const rows = buildRows('sessions', cells, { breakdown: true, projectPaths: new Map([['-p', '/work/p']]) });
  assert.deepEqual(
    rows.map((r) => [r.key, r.requests, r.outputTokens, r.costUSD, r.models, r.firstActivity, r.lastActivity, r.agentRequests, r.project, r.projectPath]),
    [
      ['s-b', 1, 20, 0.5, ['sonnet'], '2026-01-01T08:00:00.000Z', '2026-01-01T08:30:00.000Z', 0, '-q', null],
      ['s-a', 2, 40, 1.75, ['opus', 'haiku'], '2026-01-01T09:00:00.000Z', '2026-01-01T12:00:00.000Z', 1, '-p', '/work/p'],
    ],
  );
  assert.deepEqual(rows[1]!.breakdown!.map((m) => [m.model, m.costUSD]), [['opus', 1.5], ['haiku', 0.25]]);
  assert.deepEqual(Object.keys(rows[1]!), ['key', 'requests', 'inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheCreation1hTokens', 'cacheReadTokens', 'webSearchRequests', 'costUSD', 'models', 'firstActivity', 'lastActivity', 'agentRequests', 'agentCostUSD', 'project', 'breakdown', 'projectPath']);
  assert.equal(totalsOf(rows).costUSD, 2.25);
});

test('buildRows refuses cells out of key order rather than splitting a row in two', () => {
  const cells = [cell('b', 'opus', 1, 0, 1), cell('a', 'opus', 1, 0, 1)];
  assert.throws(() => buildRows('daily', cells, { breakdown: false }), /out of key order/);
});
