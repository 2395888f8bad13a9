// Which lines are requests and how they are keyed (facts/transcripts.md §3, §4, §7.1–7.2, §10): only
// top-level `type:"assistant"` with an object `message.usage`; never progress echoes or `<synthetic>`;
// keyed on message.id whatever requestId says, on the raw line's hash when there is no id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assistant, tempDir, writeProjects } from '../helpers/fixtures.ts';
import { assertUsage, ingestTotals, request, SONNET_4, sum } from '../helpers/ledger.ts';
import { collectRecords } from '../helpers/scan.ts';
import { build, ingestScenario } from '../helpers/scenarios.ts';

test('progress/agent_progress lines echoing sub-agent messages are not counted, whatever their key order', async (t) => {
  const got = await ingestScenario(t, 'progressEcho');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 50 }));
  assert.deepEqual([...collectRecords(got.env).keys()], ['msg_parent']);
});

test('a <synthetic> line is not a request', async (t) => {
  const got = await ingestScenario(t, 'syntheticLine');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 20 }));
  assert.equal(got.report.badLines, 0);
});

test('a complete one-line message without requestId counts once with all its usage', async (t) => {
  const got = await ingestScenario(t, 'noRequestIdOneLine');
  assertUsage(got.totals, request(SONNET_4, { input: 5, output: 812, write: 300, read: 12000 }));
});

test('requestId is not the key: a /btw replay with a new requestId is one response, two ids behind one requestId are two', async (t) => {
  const got = await ingestScenario(t, 'requestIdNotTheKey');
  assertUsage(
    got.totals,
    sum(request(SONNET_4, { input: 10, output: 100, read: 8000 }), request(SONNET_4, { input: 10, output: 3 }), request(SONNET_4, { input: 10, output: 400 })),
  );
});

test('{"id":null} and other nulls inside a tool input do not drop the line (ccusage drops it)', async (t) => {
  const got = await ingestScenario(t, 'idNullInToolInput');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 33 }));
});

test('"usage":{…} inside a tool input is not message.usage, before or after the real one, in either layout', async (t) => {
  const got = await ingestScenario(t, 'usageInToolInput');
  const one = request(SONNET_4, { input: 10, output: 20, read: 300 });
  assertUsage(got.totals, sum(one, one, one));
});

test('a usage member of another top-level object is not message.usage', async (t) => {
  const got = await ingestScenario(t, 'topLevelUsageDecoy');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 20 }));
});

test('usage written before content is read', async (t) => {
  const got = await ingestScenario(t, 'usageBeforeContent');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 70, write: 4000, write1h: 4000 }));
});

test('both key orders are read: message before type (2.1.x) and type first (older versions)', async (t) => {
  const got = await ingestScenario(t, 'bothLayouts');
  assertUsage(got.totals, sum(request(SONNET_4, { input: 1, output: 111 }), request(SONNET_4, { input: 2, output: 222 })));
});

test('JSON with spaces after colons and commas, or around colons, is still read', async (t) => {
  const got = await ingestScenario(t, 'whitespaceJson');
  assertUsage(got.totals, sum(request(SONNET_4, { input: 3, output: 30 }), request(SONNET_4, { input: 4, output: 40 })));
  assert.equal(got.report.badLines, 0);
});

test('id-less lines collapse by raw-line hash, within a file and across files; a different id-less line stays apart', async (t) => {
  const got = await ingestScenario(t, 'idlessDuplicates');
  assertUsage(got.totals, sum(request(SONNET_4, { input: 4, output: 40, read: 400 }), request(SONNET_4, { input: 5, output: 50 })));
  assert.ok([...collectRecords(got.env).keys()].every((k) => /^h:[0-9a-f]{40}$/.test(k)));
});

test('a numeric message.id is still the key: two differing lines with it are one request', async (t) => {
  const got = await ingestScenario(t, 'numericMessageId');
  assertUsage(got.totals, request(SONNET_4, { input: 6, output: 60 }));
});

test('summary, snapshot, queue, system and user lines are not requests, even a user line whose toolUseResult holds usage', async (t) => {
  const got = await ingestScenario(t, 'nonAssistantLines');
  assertUsage(got.totals, request(SONNET_4, { input: 10, output: 25 }));
  assert.equal(got.report.badLines, 0);
});

test('sub-agent calls are flagged as agent requests; the main-file call is not', (t) => {
  const records = collectRecords(build(t, 'subagentFiles').env);
  assert.deepEqual(
    [...records.values()].map((r) => [r.key, r.agent]).sort(),
    [['msg_main20', false], ['msg_main21', false], ['msg_sub1', true], ['msg_sub2', true], ['msg_warmup', true]],
  );
});

test('a usage member of a top-level object after message, in a type-first line, is not message.usage', async (t) => {
  const line = assistant({ id: 'msg_decoy_old', layout: 'type-first', usage: { input_tokens: 10, output_tokens: 20 }, extra: { meta: { usage: { input_tokens: 99999 } } } });
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': [line] });
  const got = await ingestTotals(t, dir);
  assertUsage(got, request(SONNET_4, { input: 10, output: 20 }));
});

test('a "usage" key inside the content (a tool input) does not hide message.usage', async (t) => {
  const content = [{ type: 'tool_use', id: 'toolu_01X', name: 'Write', input: { usage: { input_tokens: 777 }, text: 'see "usage"' } }];
  const line = assistant({ id: 'msg_tool_usage', layout: 'type-first', usage: { input_tokens: 11, output_tokens: 22 }, content });
  const dir = writeProjects(tempDir(t), { 'proj/s.jsonl': [line] });
  const got = await ingestTotals(t, dir);
  assertUsage(got, request(SONNET_4, { input: 11, output: 22 }));
});
