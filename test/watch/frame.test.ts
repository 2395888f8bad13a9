// The live view's frame as text: the latest requests carry seconds while they are all from today, and their
// date once the list reaches an earlier day (logs that stopped a while ago).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LatestRequest, WatchView } from '../../src/app/watch.ts';
import { buildFrame } from '../../src/surfaces/watch/frame.ts';

const NOW = '2026-11-26T15:00:00Z';

function request(ts: string): LatestRequest {
  return { ts: Date.parse(ts), session: 's', project: 'p', projectName: 'site', model: 'claude-opus-4-8', inputTokens: 1000, outputTokens: 200, cacheCreationTokens: 0, cacheReadTokens: 0, costUSD: 0.05, agent: false };
}

function view(latest: LatestRequest[]): WatchView {
  return {
    generatedAt: NOW,
    tz: 'Europe/Paris',
    limits: { generatedAt: NOW, windows: [], binding: null, notes: [] },
    activeBlock: null,
    timeline: [],
    today: { date: '2026-11-26', requests: 0, costUSD: 0, models: [] },
    latest,
  };
}

const latestRows = (v: WatchView) => {
  const lines = buildFrame(v, { width: 100, height: 40 }, '').map((l) => l.map((seg) => seg.text).join(''));
  return lines.slice(lines.findIndex((l) => l.startsWith('Latest requests')) + 1);
};

test('requests all from today show their time to the second, in the view zone', () => {
  const rows = latestRows(view([request('2026-11-26T14:59:30Z'), request('2026-11-26T09:05:07Z')]));
  assert.match(rows[0]!, /^ {2}15:59:30 {2}opus-4-8/);
  assert.match(rows[1]!, /^ {2}10:05:07 {2}opus-4-8/);
});

test('once the list reaches an earlier day, every row shows its date and minute', () => {
  const rows = latestRows(view([request('2026-11-26T14:59:30Z'), request('2026-06-23T20:32:02Z')]));
  assert.match(rows[0]!, /^ {2}11-26 15:59 {2}opus-4-8/);
  assert.match(rows[1]!, /^ {2}06-23 22:32 {2}opus-4-8/);
});
