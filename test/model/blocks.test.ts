import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RollupRow } from '../../src/ledger/ledger.ts';
import { buildBlocks } from '../../src/model/blocks.ts';

const at = (iso: string) => Date.parse(iso);
const cell = (iso: string, costUSD: number, model = 'claude-opus-4-8'): RollupRow => ({
  key: iso.slice(0, 16) + 'Z',
  model,
  firstTs: at(iso),
  lastTs: at(iso) + 30_000,
  requests: 1,
  inputTokens: 100,
  outputTokens: 900,
  cacheCreationTokens: 0,
  cacheCreation1hTokens: 0,
  cacheReadTokens: 0,
  webSearchRequests: 0,
  costUSD,
  agentRequests: 0,
  agentCostUSD: 0,
});

test('blocks start at the first request floored to the hour and last five hours; a later request opens the next one', () => {
  const view = buildBlocks([cell('2026-01-15T09:40:00Z', 1), cell('2026-01-15T13:59:00Z', 2), cell('2026-01-15T14:10:00Z', 4), cell('2026-01-16T08:00:00Z', 8)], [], at('2026-01-20T00:00:00Z'));
  assert.deepEqual(
    view.blocks.map((b) => [b.start, b.end, b.costUSD, b.official, b.active]),
    [
      ['2026-01-15T09:00:00.000Z', '2026-01-15T14:00:00.000Z', 3, false, false],
      ['2026-01-15T14:00:00.000Z', '2026-01-15T19:00:00.000Z', 4, false, false],
      ['2026-01-16T08:00:00.000Z', '2026-01-16T13:00:00.000Z', 8, false, false],
    ],
  );
  assert.equal(view.notes.length, 1);
});

test('an official reset time places its block exactly, not on the hour', () => {
  const reset = at('2026-07-19T03:39:59.570Z');
  const view = buildBlocks([cell('2026-07-18T23:00:00Z', 1), cell('2026-07-19T03:30:00Z', 1), cell('2026-07-19T03:45:00Z', 1)], [reset], at('2026-07-19T03:50:00Z'));
  assert.deepEqual(
    view.blocks.map((b) => [b.start, b.end, b.official, b.requests, b.active]),
    [
      ['2026-07-18T22:39:59.570Z', '2026-07-19T03:39:59.570Z', true, 2, false],
      ['2026-07-19T03:39:59.570Z', '2026-07-19T08:39:59.570Z', false, 1, true],
    ],
  );
});

test('the active block has a burn rate since its first request and a projection to its end', () => {
  const now = at('2026-01-15T12:00:00Z');
  const view = buildBlocks([cell('2026-01-15T10:00:00Z', 3), cell('2026-01-15T11:00:00Z', 3)], [], now);
  const [b] = view.blocks;
  assert.equal(b!.active, true);
  // $6 over the 2 hours since 10:00 = $3/h; 3 hours left → $6 + $9
  assert.equal(b!.burnRate!.costPerHour, 3);
  assert.equal(b!.projection!.costUSD, 15);
  // 2,000 tokens in 120 min = 16.67/min; 180 more min → 2,000 + 3,000
  assert.ok(Math.abs(b!.projection!.totalTokens - 5000) < 1e-9);
  assert.deepEqual(b!.models, ['claude-opus-4-8']);
});
