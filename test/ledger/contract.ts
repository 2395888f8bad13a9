// The ledger contract: every store implementation runs these cases (SQLite here; PostgreSQL for the team
// server). `open` gives a fresh, empty ledger priced with the shipped table.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Ledger, RollupRow } from '../../src/ledger/ledger.ts';
import type { RequestRecord } from '../../src/ledger/request.ts';

export type OpenLedger = (t: TestContext) => Promise<Ledger>;

export function record(over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    key: 'msg_01',
    ts: Date.parse('2026-01-15T10:00:00Z'),
    tsKnown: true,
    sessionId: 'session-a',
    project: '-home-dev-app',
    cwd: '/home/dev/app',
    model: 'claude-sonnet-4-20250514',
    inputTokens: 100,
    outputTokens: 200,
    cacheCreationTokens: 0,
    cacheCreation1hTokens: 0,
    cacheReadTokens: 0,
    webSearchRequests: 0,
    webFetchRequests: 0,
    fast: false,
    geoUs: false,
    agent: false,
    version: '2.0.76',
    file: '/logs/projects/-home-dev-app/session-a.jsonl',
    ...over,
  };
}

const sum = async (ledger: Ledger) => {
  const rows = await ledger.rollup({ groupBy: 'all', tz: 'UTC' });
  return {
    requests: rows.reduce((n, r) => n + r.requests, 0),
    inputTokens: rows.reduce((n, r) => n + r.inputTokens, 0),
    outputTokens: rows.reduce((n, r) => n + r.outputTokens, 0),
    cacheReadTokens: rows.reduce((n, r) => n + r.cacheReadTokens, 0),
    costUSD: rows.reduce((n, r) => n + r.costUSD, 0),
  };
};

const at = (iso: string) => Date.parse(iso);

export function ledgerContract(name: string, open: OpenLedger, skip: { reason: string; cases: string[] } = { reason: '', cases: [] }): void {
  const it = (title: string, fn: (t: TestContext) => Promise<void>) =>
    test(`${name}: ${title}`, skip.cases.includes(title) ? { skip: skip.reason } : {}, fn);

  it('stores one request and prices it at the rates of its model', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({ requests: [record()], files: [] });
    // Sonnet 4: 100 input × $3 + 200 output × $15 per MTok = $0.0033
    assert.deepEqual(await sum(ledger), { requests: 1, inputTokens: 100, outputTokens: 200, cacheReadTokens: 0, costUSD: 0.0033 });
  });

  it('merges copies of one request across batches with max per field, in any order', async (t) => {
    const copies = [
      record({ outputTokens: 5, cacheReadTokens: 900 }),
      record({ outputTokens: 420, cacheReadTokens: 900, webSearchRequests: 2 }),
      record({ outputTokens: 17, inputTokens: 100, cacheReadTokens: 900 }),
    ];
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 0, 2]]) {
      const ledger = await open(t);
      for (const i of order) await ledger.applyBatch({ requests: [copies[i]!], files: [] });
      const rows = await ledger.rollup({ groupBy: 'all', tz: 'UTC' });
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.requests, 1);
      assert.equal(rows[0]!.outputTokens, 420);
      assert.equal(rows[0]!.webSearchRequests, 2);
      // 100·3 + 420·15 + 900·0.30 per MTok + 2 searches × $0.01 = 0.00687 + 0.02
      assert.ok(Math.abs(rows[0]!.costUSD - 0.02687) < 1e-12, `cost ${rows[0]!.costUSD}`);
    }
  });

  it('keeps the earliest copy: its timestamp, session and project', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({ requests: [record({ ts: at('2026-01-16T08:19:00Z'), sessionId: 'resumed', project: '-later' })], files: [] });
    await ledger.applyBatch({ requests: [record({ ts: at('2026-01-15T07:15:00Z'), sessionId: 'original', project: '-first' })], files: [] });
    await ledger.applyBatch({ requests: [record({ ts: at('2026-01-17T00:00:00Z'), sessionId: 'third', project: '-third' })], files: [] });
    const days = await ledger.rollup({ groupBy: 'day', tz: 'UTC' });
    assert.deepEqual(days.map((d) => [d.key, d.requests]), [['2026-01-15', 1]]);
    const sessions = await ledger.rollup({ groupBy: 'session', tz: 'UTC' });
    assert.deepEqual(sessions.map((s) => [s.key, s.project]), [['original', '-first']]);
  });

  it('prefers a real timestamp over a file-time stand-in', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({ requests: [record({ ts: at('2026-01-01T00:00:00Z'), tsKnown: false, sessionId: 'guess' })], files: [] });
    await ledger.applyBatch({ requests: [record({ ts: at('2026-01-20T00:00:00Z'), tsKnown: true, sessionId: 'real' })], files: [] });
    const days = await ledger.rollup({ groupBy: 'day', tz: 'UTC' });
    assert.deepEqual(days.map((d) => d.key), ['2026-01-20']);
  });

  it('re-applying the same batch changes nothing', async (t) => {
    const ledger = await open(t);
    const batch = { requests: [record(), record({ key: 'msg_02', outputTokens: 7 })], files: [] };
    await ledger.applyBatch(batch);
    const once = await sum(ledger);
    await ledger.applyBatch(batch);
    await ledger.applyBatch(batch);
    assert.deepEqual(await sum(ledger), once);
  });

  it('records file states and returns them by path', async (t) => {
    const ledger = await open(t);
    const state = { path: '/logs/a.jsonl', dev: 1, ino: 42, size: 1000, mtimeMs: 1_700_000_000_000, offset: 990, headHash: 'abc', badLines: 2, partialTail: true };
    await ledger.applyBatch({ requests: [], files: [state] });
    await ledger.applyBatch({ requests: [], files: [{ ...state, path: '/logs/b.jsonl', partialTail: false, badLines: 0 }] });
    const states = await ledger.fileStates();
    assert.deepEqual(states.get('/logs/a.jsonl'), state);
    assert.equal(states.get('/logs/b.jsonl')?.partialTail, false);
    assert.equal(states.size, 2);
    assert.equal((await ledger.stats()).badLines, 2);
  });

  it('groups by local day in the zone asked for, across a DST change and in a half-hour zone', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({
      requests: [
        record({ key: 'a', ts: at('2026-03-28T23:30:00Z') }), // Paris 00:30 on the 29th (UTC+1)
        record({ key: 'b', ts: at('2026-03-29T22:30:00Z') }), // Paris 00:30 on the 30th (UTC+2 after the change)
        record({ key: 'c', ts: at('2026-03-29T21:30:00Z') }), // Paris 23:30 on the 29th
        record({ key: 'd', ts: at('2026-01-15T18:29:00Z') }), // Kolkata 23:59 on the 15th (UTC+5:30)
        record({ key: 'e', ts: at('2026-01-15T18:30:00Z') }), // Kolkata 00:00 on the 16th
      ],
      files: [],
    });
    const paris = await ledger.rollup({ groupBy: 'day', tz: 'Europe/Paris', since: at('2026-03-01T00:00:00Z') });
    assert.deepEqual(paris.map((d) => [d.key, d.requests]), [['2026-03-29', 2], ['2026-03-30', 1]]);
    const kolkata = await ledger.rollup({ groupBy: 'day', tz: 'Asia/Kolkata', until: at('2026-02-01T00:00:00Z') });
    assert.deepEqual(kolkata.map((d) => [d.key, d.requests]), [['2026-01-15', 1], ['2026-01-16', 1]]);
  });

  it('groups by hour, week (any start day) and month', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({
      requests: [
        record({ key: 'a', ts: at('2026-01-03T10:05:00Z') }), // Saturday
        record({ key: 'b', ts: at('2026-01-04T10:55:00Z') }), // Sunday
        record({ key: 'c', ts: at('2026-01-05T10:15:00Z') }), // Monday
        record({ key: 'd', ts: at('2026-02-01T00:15:00Z') }),
      ],
      files: [],
    });
    const monday = await ledger.rollup({ groupBy: 'week', tz: 'UTC', weekStart: 1 });
    assert.deepEqual(monday.map((w) => [w.key, w.requests]), [['2025-12-29', 2], ['2026-01-05', 1], ['2026-01-26', 1]]);
    const sunday = await ledger.rollup({ groupBy: 'week', tz: 'UTC', weekStart: 0 });
    assert.deepEqual(sunday.map((w) => [w.key, w.requests]), [['2025-12-28', 1], ['2026-01-04', 2], ['2026-02-01', 1]]);
    const months = await ledger.rollup({ groupBy: 'month', tz: 'UTC' });
    assert.deepEqual(months.map((m) => [m.key, m.requests]), [['2026-01', 3], ['2026-02', 1]]);
    const hours = await ledger.rollup({ groupBy: 'hour', tz: 'America/New_York', since: at('2026-01-04T00:00:00Z'), until: at('2026-01-05T00:00:00Z') });
    assert.deepEqual(hours.map((h) => [h.key, h.requests]), [['2026-01-04 05:00', 1]]);
  });

  it('splits rows by model and counts sub-agent requests apart', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({
      requests: [
        record({ key: 'a', model: 'claude-opus-4-5-20251101' }),
        record({ key: 'b', model: 'claude-opus-4-5-20251101', agent: true }),
        record({ key: 'c', model: 'claude-haiku-4-5-20251001', agent: true }),
      ],
      files: [],
    });
    const rows = await ledger.rollup({ groupBy: 'session', tz: 'UTC' });
    assert.deepEqual(
      rows.map((r) => [r.key, r.model, r.requests, r.agentRequests]),
      [
        ['session-a', 'claude-haiku-4-5-20251001', 1, 1],
        ['session-a', 'claude-opus-4-5-20251101', 2, 1],
      ],
    );
    // Haiku 4.5: 100 × $1 + 200 × $5 per MTok = $0.0011
    assert.ok(Math.abs(rows[0]!.agentCostUSD - 0.0011) < 1e-12);
  });

  it('rolls up a session seen under two projects into one cell per model, under its earliest project', async (t) => {
    const ledger = await open(t);
    const opus = 'claude-opus-4-5-20251101';
    await ledger.applyBatch({
      requests: [
        record({ key: 'a', model: opus, project: '-later', ts: at('2026-01-15T12:00:00Z'), outputTokens: 10 }),
        record({ key: 'b', model: opus, project: '-first', ts: at('2026-01-15T09:00:00Z'), outputTokens: 20 }),
        record({ key: 'c', model: 'claude-haiku-4-5-20251001', project: '-later', ts: at('2026-01-15T13:00:00Z'), outputTokens: 30 }),
        record({ key: 'd', sessionId: 'session-b', project: '-other', ts: at('2026-01-16T09:00:00Z') }),
      ],
      files: [],
    });
    const expected = [
      ['session-a', 'claude-haiku-4-5-20251001', '-first', 1, 30, at('2026-01-15T13:00:00Z'), at('2026-01-15T13:00:00Z')],
      ['session-a', opus, '-first', 2, 30, at('2026-01-15T09:00:00Z'), at('2026-01-15T12:00:00Z')],
      ['session-b', 'claude-sonnet-4-20250514', '-other', 1, 200, at('2026-01-16T09:00:00Z'), at('2026-01-16T09:00:00Z')],
    ];
    const shape = (rows: RollupRow[]) => rows.map((r) => [r.key, r.model, r.project, r.requests, r.outputTokens, r.firstTs, r.lastTs]);
    // the whole history (from a summary where the store keeps one) and a range (from the requests) agree
    assert.deepEqual(shape(await ledger.rollup({ groupBy: 'session', tz: 'UTC' })), expected);
    assert.deepEqual(shape(await ledger.rollup({ groupBy: 'session', tz: 'UTC', since: 1 })), expected);
  });

  it('lists unknown and family-priced models with their request counts', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({
      requests: [
        record({ key: 'a', model: 'claude-opus-9' }),
        record({ key: 'b', model: 'claude-opus-9' }),
        record({ key: 'c', model: 'claude-sonnet-4-5-20261201' }),
        record({ key: 'd' }),
      ],
      files: [],
    });
    assert.deepEqual(await ledger.pricingIssues({}), [
      { model: 'claude-opus-9', kind: 'unpriced', pricedAs: null, requests: 2 },
      { model: 'claude-sonnet-4-5-20261201', kind: 'family', pricedAs: 'claude-sonnet-4-5-20250929', requests: 1 },
    ]);
    const models = await ledger.rollup({ groupBy: 'model', tz: 'UTC' });
    assert.equal(models.find((m) => m.key === 'claude-opus-9')?.costUSD, 0);
  });

  it('restricts a rollup to one session and a time range', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({
      requests: [
        record({ key: 'a', sessionId: 's1', ts: at('2026-01-10T00:00:00Z') }),
        record({ key: 'b', sessionId: 's1', ts: at('2026-01-12T00:00:00Z') }),
        record({ key: 'c', sessionId: 's2', ts: at('2026-01-12T00:00:00Z') }),
      ],
      files: [],
    });
    const s1 = await ledger.rollup({ groupBy: 'all', tz: 'UTC', session: 's1' });
    assert.equal(s1[0]?.requests, 2);
    const ranged = await ledger.rollup({ groupBy: 'all', tz: 'UTC', since: at('2026-01-11T00:00:00Z'), until: at('2026-01-13T00:00:00Z') });
    assert.equal(ranged[0]?.requests, 2);
    assert.deepEqual(await ledger.rollup({ groupBy: 'all', tz: 'UTC', session: 'nobody' }), []);
  });

  it('remembers the latest working directory of each project', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({ requests: [record({ key: 'a', cwd: '/old/path', ts: at('2026-01-01T00:00:00Z') })], files: [] });
    await ledger.applyBatch({ requests: [record({ key: 'b', cwd: '/new/path', ts: at('2026-01-02T00:00:00Z') })], files: [] });
    await ledger.applyBatch({ requests: [record({ key: 'c', cwd: '/older/path', ts: at('2025-12-01T00:00:00Z') })], files: [] });
    assert.deepEqual(await ledger.projects(), [{ project: '-home-dev-app', cwd: '/new/path' }]);
  });

  it('counts requests per Claude Code version', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({ requests: [record({ key: 'a', version: '2.1.20' }), record({ key: 'b', version: '2.1.20' }), record({ key: 'c', version: null })], files: [] });
    assert.deepEqual(await ledger.versions({}), [{ version: '', requests: 1 }, { version: '2.1.20', requests: 2 }]);
  });

  it('records limit snapshots: an unchanged value extends its row, a new value adds one', async (t) => {
    const ledger = await open(t);
    const base = { source: 'statusline' as const, window: 'five_hour', resetsAt: at('2026-01-15T15:00:00Z') };
    await ledger.recordLimitSnapshots([{ ...base, observedAt: at('2026-01-15T10:00:00Z'), usedPercent: 20 }]);
    await ledger.recordLimitSnapshots([{ ...base, observedAt: at('2026-01-15T10:05:00Z'), usedPercent: 20 }]);
    await ledger.recordLimitSnapshots([{ ...base, observedAt: at('2026-01-15T10:09:00Z'), usedPercent: 23.5 }]);
    await ledger.recordLimitSnapshots([{ ...base, source: 'oauth', observedAt: at('2026-01-15T10:08:00Z'), usedPercent: 24, detail: { label: 'Current session' } }]);
    const history = await ledger.limitHistory({});
    assert.deepEqual(
      history.map((s) => [s.source, s.firstSeen, s.observedAt, s.usedPercent]),
      [
        ['statusline', at('2026-01-15T10:00:00Z'), at('2026-01-15T10:05:00Z'), 20],
        ['oauth', at('2026-01-15T10:08:00Z'), at('2026-01-15T10:08:00Z'), 24],
        ['statusline', at('2026-01-15T10:09:00Z'), at('2026-01-15T10:09:00Z'), 23.5],
      ],
    );
    const latest = await ledger.latestLimitSnapshots();
    assert.deepEqual(latest.map((s) => [s.window, s.source, s.usedPercent, s.detail]), [['five_hour', 'oauth', 24, { label: 'Current session' }], ['five_hour', 'statusline', 23.5, null]]);
    assert.equal((await ledger.limitHistory({ since: at('2026-01-15T10:06:00Z'), windows: ['seven_day'] })).length, 0);
  });

  it('claims an alert once', async (t) => {
    const ledger = await open(t);
    assert.equal(await ledger.claimAlert('five_hour|2026-01-15T15:00|90', at('2026-01-15T12:00:00Z'), { percent: 91 }), true);
    assert.equal(await ledger.claimAlert('five_hour|2026-01-15T15:00|90', at('2026-01-15T12:01:00Z')), false);
    assert.deepEqual(await ledger.firedAlerts(at('2026-01-15T00:00:00Z')), [{ key: 'five_hour|2026-01-15T15:00|90', firedAt: at('2026-01-15T12:00:00Z'), detail: { percent: 91 } }]);
  });

  it('lists requests on the activity timeline, oldest first, with their prompt size', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({
      requests: [
        record({ key: 'b', ts: at('2026-01-15T11:00:00Z'), inputTokens: 10, cacheReadTokens: 250_000, cacheCreationTokens: 5, agent: true }),
        record({ key: 'a', ts: at('2026-01-15T10:00:00Z'), fast: true, model: 'claude-opus-4-8' }),
      ],
      files: [],
    });
    const points = await ledger.activity({ since: at('2026-01-15T00:00:00Z') });
    assert.deepEqual(
      points.map((p) => [p.ts, p.session, p.model, p.promptTokens, p.agent, p.fast]),
      [
        [at('2026-01-15T10:00:00Z'), 'session-a', 'claude-opus-4-8', 100, false, true],
        [at('2026-01-15T11:00:00Z'), 'session-a', 'claude-sonnet-4-20250514', 250_015, true, false],
      ],
    );
    // Opus 4.8 fast: 100·10 + 200·50 per MTok = $0.011
    assert.ok(Math.abs(points[0]!.costUSD - 0.011) < 1e-12);
  });

  it('lists the latest requests, newest first, up to a limit', async (t) => {
    const ledger = await open(t);
    await ledger.applyBatch({
      requests: [
        record({ key: 'old', ts: at('2026-01-15T09:00:00Z') }),
        record({ key: 'new', ts: at('2026-01-15T11:00:00Z'), model: 'claude-opus-4-8', sessionId: 'session-b', project: '-home-dev-web', cacheReadTokens: 1000, agent: true }),
        record({ key: 'mid', ts: at('2026-01-15T10:00:00Z'), cacheCreationTokens: 50 }),
      ],
      files: [],
    });
    const latest = await ledger.latestRequests(2);
    assert.deepEqual(
      latest.map((r) => [r.ts, r.session, r.project, r.model, r.inputTokens, r.outputTokens, r.cacheCreationTokens, r.cacheReadTokens, r.agent]),
      [
        [at('2026-01-15T11:00:00Z'), 'session-b', '-home-dev-web', 'claude-opus-4-8', 100, 200, 0, 1000, true],
        [at('2026-01-15T10:00:00Z'), 'session-a', '-home-dev-app', 'claude-sonnet-4-20250514', 100, 200, 50, 0, false],
      ],
    );
    // Opus 4.8: 100·5 + 200·25 + 1,000·0.5 per MTok = $0.006
    assert.ok(Math.abs(latest[0]!.costUSD - 0.006) < 1e-12);
    assert.deepEqual(await ledger.latestRequests(0), []);
  });
}
