// One dedup space over all files and roots (facts/transcripts.md §1, §2, §7.4–7.5): resumed sessions count
// once at the earliest copy with that copy's session; sub-agent files count and belong to their parent session;
// copies in other folders and other roots collapse; dot-named folders and files are read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertUsage, HAIKU_4_5, request, rollupBy, SONNET_4, sum } from '../helpers/ledger.ts';
import { ingestScenario, ORIGINAL, PARENT_20, PARENT_21, RESUMED } from '../helpers/scenarios.ts';

const r1 = request(SONNET_4, { input: 10, output: 100 });
const r2 = request(SONNET_4, { input: 10, output: 250 });
const r3 = request(SONNET_4, { input: 10, output: 400 });

test('a resumed session copying earlier messages counts each once', async (t) => {
  const got = await ingestScenario(t, 'resumedSession');
  assertUsage(got.totals, sum(r1, r2, r3));
});

test('copied messages belong to the session of their earliest copy, not to the resumed one read first', async (t) => {
  const { ledger } = await ingestScenario(t, 'resumedSession');
  const sessions = await rollupBy(ledger, 'session');
  assert.deepEqual(Object.keys(sessions).sort(), [RESUMED, ORIGINAL].sort());
  assertUsage(sessions[ORIGINAL]!, sum(r1, r2));
  assertUsage(sessions[RESUMED]!, r3);
});

test('copied messages are dated by their earliest timestamp: the original day, not the resume day', async (t) => {
  const { ledger } = await ingestScenario(t, 'resumedSession');
  const days = await rollupBy(ledger, 'day');
  assert.deepEqual(Object.keys(days), ['2026-01-15', '2026-01-16']);
  assertUsage(days['2026-01-15']!, sum(r1, r2));
  assertUsage(days['2026-01-16']!, r3);
  const [row] = await ledger.rollup({ groupBy: 'all', tz: 'UTC' });
  assert.equal(row?.firstTs, Date.parse('2026-01-15T23:50:00.000Z'));
  assert.equal(row?.lastTs, Date.parse('2026-01-16T00:30:00.000Z'));
});

test('2.0.28 agent-*.jsonl files beside the main file and 2.1.x <session>/subagents/ files are both counted', async (t) => {
  const got = await ingestScenario(t, 'subagentFiles');
  assertUsage(
    got.totals,
    sum(
      request(SONNET_4, { input: 10, output: 120 }),
      request(HAIKU_4_5, { input: 900, output: 12 }),
      request(SONNET_4, { input: 10, output: 210 }),
      request(SONNET_4, { input: 10, output: 310 }),
      request(SONNET_4, { input: 10, output: 41 }),
    ),
  );
  assert.equal(got.report.filesKnown, 4);
});

test('sub-agent requests are attributed to the parent session, from the lines or from the subagents/ path', async (t) => {
  const { ledger } = await ingestScenario(t, 'subagentFiles');
  const sessions = await rollupBy(ledger, 'session');
  assert.deepEqual(Object.keys(sessions).sort(), [PARENT_20, PARENT_21]);
  assertUsage(sessions[PARENT_20]!, sum(request(SONNET_4, { input: 10, output: 120 }), request(HAIKU_4_5, { input: 900, output: 12 })));
  assert.equal(sessions[PARENT_20]!.agentRequests, 1);
  assertUsage(sessions[PARENT_21]!, sum(request(SONNET_4, { input: 10, output: 210 }), request(SONNET_4, { input: 10, output: 310 }), request(SONNET_4, { input: 10, output: 41 })));
  assert.equal(sessions[PARENT_21]!.agentRequests, 2);
});

test('the same session file under two project folders counts once', async (t) => {
  const got = await ingestScenario(t, 'sameFileTwice');
  assertUsage(got.totals, sum(request(SONNET_4, { input: 10, output: 11 }), request(SONNET_4, { input: 10, output: 22 })));
  assert.equal(got.report.filesKnown, 2);
});

test('two roots in a comma-separated CLAUDE_CONFIG_DIR share one dedup space', async (t) => {
  const got = await ingestScenario(t, 'twoRoots');
  assert.equal(got.report.discovery.roots.length, 2);
  assertUsage(got.totals, sum(request(SONNET_4, { input: 10, output: 1 }), request(SONNET_4, { input: 10, output: 20 }), request(SONNET_4, { input: 10, output: 300 })));
});

test('dot-named folders and files are read', async (t) => {
  const got = await ingestScenario(t, 'dotNames');
  assert.equal(got.report.filesKnown, 3);
  assertUsage(got.totals, sum(request(SONNET_4, { input: 10, output: 1 }), request(SONNET_4, { input: 10, output: 20 }), request(SONNET_4, { input: 10, output: 300 })));
});
