// Merging the lines of one response (facts/transcripts.md §6, §7.3): per field the max over all lines,
// "fast" if any line says so, iterations never added, null read as absent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertUsage, OPUS_4_8, OPUS_4_8_FAST, request, SONNET_4, sum } from '../helpers/ledger.ts';
import { collectRecords } from '../helpers/scan.ts';
import { build, ingestScenario } from '../helpers/scenarios.ts';

test('a streamed message with growing output counts once, with its max output and the input side once', async (t) => {
  const got = await ingestScenario(t, 'streamingGrowth');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 350, read: 5000 }));
});

test('server_tool_use found only on the last line of a group is counted once, via the group max', async (t) => {
  const got = await ingestScenario(t, 'serverToolOnLastLine');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 500, webSearch: 3 }));
});

test('web fetches on the last line reach the merged record', (t) => {
  const records = collectRecords(build(t, 'serverToolOnLastLine').env);
  assert.equal(records.size, 1);
  assert.equal(records.get('msg_web')?.webSearchRequests, 3);
  assert.equal(records.get('msg_web')?.webFetchRequests, 2);
});

test('a gateway group with zeros on early and late lines takes each field from the line where it peaks', async (t) => {
  const got = await ingestScenario(t, 'gatewayZerosEarly');
  assertUsage(got.totals, request(SONNET_4, { input: 1200, output: 300, write: 4000, read: 9000 }));
});

test('cache writes keep their 1h part when cache_creation is there, and are all 5m when it is not', async (t) => {
  const got = await ingestScenario(t, 'cacheCreationSplit');
  assertUsage(
    got.totals,
    sum(request(SONNET_4, { input: 10, output: 20, write: 4000, write1h: 3000 }), request(SONNET_4, { input: 10, output: 20, write: 2000 })),
  );
  assert.equal(got.totals.cacheCreation1hTokens, 3000);
});

test('a group with "fast" on any line is priced at fast rates; a standard group beside it is not', async (t) => {
  const got = await ingestScenario(t, 'fastLine');
  const fast = request(OPUS_4_8_FAST, { input: 1000, output: 2000, read: 10000 });
  const standard = request(OPUS_4_8, { input: 1000, output: 2000, read: 10000 });
  assertUsage(got.totals, sum(fast, standard));
  assert.equal(fast.costUSD, 0.12);
  assert.equal(standard.costUSD, 0.06);
});

test('the fast flag is set on the merged record of the fast group only', (t) => {
  const records = collectRecords(build(t, 'fastLine').env);
  assert.deepEqual([...records.values()].map((r) => [r.key, r.fast]).sort(), [['msg_fast', true], ['msg_std', false]]);
});

test('null speed, cache fields and costUSD are read as absent: the line still counts', async (t) => {
  const got = await ingestScenario(t, 'nullFields');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 20 }));
});

test('usage.iterations repeating the top-level numbers is never added', async (t) => {
  const got = await ingestScenario(t, 'iterationsIgnored');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 300, read: 5000 }));
});
