// How a logged model id finds its price card (facts/pricing.md §8, §9): normalisation of the provider
// forms, aliases, new dated snapshots (`family`), and never crossing a version boundary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pricer, PriceStatus } from '../../src/pricing/cost.ts';
import { ModelMatcher, normaliseModelId } from '../../src/pricing/model-id.ts';
import { SHIPPED_TABLE } from '../../src/pricing/price-table.ts';
import { request } from './helpers.ts';

const pricer = new Pricer(SHIPPED_TABLE);
const matched = (model: string) => {
  const m = pricer.match(model);
  return m && { card: m.card.id, kind: m.kind };
};

const OPUS_4 = 'claude-opus-4-20250514';
const OPUS_41 = 'claude-opus-4-1-20250805';
const OPUS_45 = 'claude-opus-4-5-20251101';
const SONNET_4 = 'claude-sonnet-4-20250514';
const SONNET_45 = 'claude-sonnet-4-5-20250929';
const HAIKU_45 = 'claude-haiku-4-5-20251001';

test('normaliseModelId: provider forms to the plain 1P id', () => {
  const cases: [string, string][] = [
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5-20250929'],
    ['claude-opus-4-6', 'claude-opus-4-6'],
    // Bedrock: region prefix, `anthropic.`, version suffix
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['eu.anthropic.claude-opus-4-1-20250805-v1:0', 'claude-opus-4-1-20250805'],
    ['apac.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4-20250514'],
    ['global.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
    ['us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['jp.anthropic.claude-haiku-4-5-20251001-v2:0', 'claude-haiku-4-5-20251001'],
    ['au.anthropic.claude-opus-4-7', 'claude-opus-4-7'],
    ['bedrock/us-gov-west-1/anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['bedrock/us.anthropic.claude-opus-4-5-20251101-v1:0', 'claude-opus-4-5-20251101'],
    // Vertex: `@date` → `-date`, `@default` → undated; LiteLLM `vertex_ai/` prefix
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20250929'],
    ['claude-opus-4@20250514', 'claude-opus-4-20250514'],
    ['claude-opus-4-6@default', 'claude-opus-4-6'],
    ['vertex_ai/claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20250929'],
    ['vertex_ai/claude-opus-4-6@default', 'claude-opus-4-6'],
    // Azure Foundry (LiteLLM)
    ['azure_ai/claude-opus-4-5', 'claude-opus-4-5'],
    // Claude Code `[1m]` setting suffix
    ['claude-opus-4-6[1m]', 'claude-opus-4-6'],
    ['claude-sonnet-4-5-20250929[1m]', 'claude-sonnet-4-5-20250929'],
    // gateway and LiteLLM orders, dots for dashes
    ['anthropic/claude-4.6-opus-20260205', 'claude-opus-4-6-20260205'],
    ['claude-4-opus-20250514', 'claude-opus-4-20250514'],
    ['claude-4-sonnet-20250514', 'claude-sonnet-4-20250514'],
    ['claude-opus-4.6', 'claude-opus-4-6'],
    // case and surrounding blanks
    ['  Claude-Opus-4-6  ', 'claude-opus-4-6'],
  ];
  for (const [raw, want] of cases) assert.equal(normaliseModelId(raw), want, raw);
});

test('dated snapshots and undated ids match their own card exactly', () => {
  const cases: [string, string][] = [
    [SONNET_45, SONNET_45],
    [OPUS_4, OPUS_4],
    [OPUS_41, OPUS_41],
    ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-20250219'],
    ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-20241022'],
    ['claude-3-haiku-20240307', 'claude-3-haiku-20240307'],
    ['claude-opus-4-6', 'claude-opus-4-6'],
    ['claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['claude-opus-4-7', 'claude-opus-4-7'],
    ['claude-opus-4-8', 'claude-opus-4-8'],
    ['claude-opus-5', 'claude-opus-5'],
    ['claude-opus-5-5', 'claude-opus-5-5'],
    ['claude-sonnet-5', 'claude-sonnet-5'],
    ['claude-sonnet-5-5', 'claude-sonnet-5-5'],
    ['claude-haiku-5-5', 'claude-haiku-5-5'],
    ['claude-fable-5', 'claude-fable-5'],
    ['claude-fable-5-1', 'claude-fable-5-1'],
  ];
  for (const [model, card] of cases) assert.deepEqual(matched(model), { card, kind: 'exact' }, model);
});

test('dateless aliases find the dated card', () => {
  const cases: [string, string][] = [
    ['claude-sonnet-4-5', SONNET_45],
    ['claude-opus-4-5', OPUS_45],
    ['claude-haiku-4-5', HAIKU_45],
    ['claude-opus-4-1', OPUS_41],
    ['claude-opus-4-0', OPUS_4],
    ['claude-sonnet-4-0', SONNET_4],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet-20250219'],
    ['claude-3-5-haiku-latest', 'claude-3-5-haiku-20241022'],
    ['claude-3-5-sonnet-20240620', 'claude-3-5-sonnet-20241022'],
    ['claude-mythos-5-1', 'claude-fable-5-1'],
  ];
  for (const [model, card] of cases) assert.deepEqual(matched(model), { card, kind: 'exact' }, model);
});

test('Bedrock ids with region prefixes and -v1:0 / -v2:0 / -v1 suffixes, listed or not', () => {
  const cases: [string, string][] = [
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', SONNET_45],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', SONNET_45],
    ['eu.anthropic.claude-sonnet-4-5-20250929-v1:0', SONNET_45],
    ['apac.anthropic.claude-sonnet-4-5-20250929-v1:0', SONNET_45], // not a listed alias: found by normalising
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', SONNET_45],
    ['us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0', SONNET_45],
    ['apac.anthropic.claude-sonnet-4-20250514-v1:0', SONNET_4],
    ['eu.anthropic.claude-opus-4-20250514-v1:0', OPUS_4],
    ['us.anthropic.claude-opus-4-1-20250805-v1:0', OPUS_41],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet-20241022'],
    ['eu.anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet-20241022'], // not listed
    ['anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
    ['global.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
    ['jp.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'], // not listed
    ['anthropic.claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['us.anthropic.claude-opus-4-7', 'claude-opus-4-7'],
    ['global.anthropic.claude-opus-4-8', 'claude-opus-4-8'],
    ['bedrock/us-gov-west-1/anthropic.claude-sonnet-4-5-20250929-v1:0', SONNET_45],
  ];
  for (const [model, card] of cases) assert.deepEqual(matched(model), { card, kind: 'exact' }, model);
});

test('Vertex `@date` and `@default`, and the vertex_ai/ and azure_ai/ prefixes', () => {
  const cases: [string, string][] = [
    ['claude-sonnet-4-5@20250929', SONNET_45],
    ['claude-opus-4@20250514', OPUS_4],
    ['claude-opus-4-1@20250805', OPUS_41],
    ['claude-3-5-haiku@20241022', 'claude-3-5-haiku-20241022'],
    ['claude-opus-4-6@default', 'claude-opus-4-6'],
    ['claude-sonnet-4-6@default', 'claude-sonnet-4-6'],
    ['claude-opus-4-8@default', 'claude-opus-4-8'],
    ['vertex_ai/claude-sonnet-4-5', SONNET_45],
    ['vertex_ai/claude-sonnet-4-5@20250929', SONNET_45],
    ['vertex_ai/claude-opus-4-6@default', 'claude-opus-4-6'],
    ['vertex_ai/claude-opus-4', OPUS_4],
    ['azure_ai/claude-opus-4-5', OPUS_45],
    ['azure_ai/claude-opus-4-6', 'claude-opus-4-6'],
    ['azure_ai/claude-haiku-4-5', HAIKU_45],
  ];
  for (const [model, card] of cases) assert.deepEqual(matched(model), { card, kind: 'exact' }, model);
});

test('the [1m] suffix, the gateway order and LiteLLM keys', () => {
  const cases: [string, string][] = [
    ['claude-opus-4-6[1m]', 'claude-opus-4-6'],
    ['claude-sonnet-4-6[1m]', 'claude-sonnet-4-6'],
    ['claude-sonnet-4-5-20250929[1m]', SONNET_45],
    ['anthropic/claude-4.6-opus-20260205', 'claude-opus-4-6'],
    ['claude-4-opus-20250514', OPUS_4],
    ['claude-4-sonnet-20250514', SONNET_4],
    ['claude-opus-4-6-20260205', 'claude-opus-4-6'],
    ['claude-opus-4-7-20260416', 'claude-opus-4-7'],
  ];
  for (const [model, card] of cases) assert.deepEqual(matched(model), { card, kind: 'exact' }, model);
});

test('a new dated snapshot of a listed model matches that card with kind family', () => {
  const cases: [string, string][] = [
    ['claude-sonnet-4-5-20261201', SONNET_45],
    ['claude-opus-4-6-20261201', 'claude-opus-4-6'],
    ['claude-opus-4-20261201', OPUS_4],
    ['claude-opus-4-1-20261201', OPUS_41],
    ['claude-haiku-4-5@20261201', HAIKU_45],
    ['us.anthropic.claude-sonnet-4-5-20261201-v1:0', SONNET_45],
    ['claude-opus-5-5-20261201', 'claude-opus-5-5'],
    ['claude-3-5-sonnet-20261201', 'claude-3-5-sonnet-20241022'],
  ];
  for (const [model, card] of cases) assert.deepEqual(matched(model), { card, kind: 'family' }, model);
});

test('matching never crosses a version boundary', () => {
  // claude-opus-4 is Opus 4, not Opus 4.1; claude-opus-4-1 is Opus 4.1, not Opus 4
  assert.deepEqual(matched('claude-opus-4'), { card: OPUS_4, kind: 'exact' });
  assert.deepEqual(matched('claude-opus-4-1'), { card: OPUS_41, kind: 'exact' });
  assert.deepEqual(matched('claude-opus-4-20261201'), { card: OPUS_4, kind: 'family' });
  assert.deepEqual(matched('claude-opus-4-1-20261201'), { card: OPUS_41, kind: 'family' });
  // unlisted versions of listed families are unknown, dated or not
  for (const model of ['claude-opus-4-9', 'claude-opus-4-9-20261201', 'claude-opus-4-10', 'claude-sonnet-4-7', 'claude-opus-5-1', 'claude-haiku-5', 'claude-fable-5-2-20261201', 'us.anthropic.claude-opus-4-9-v1:0'])
    assert.equal(matched(model), null, model);
});

test('unknown models and <synthetic> do not match, and Pricer.cost marks them unpriced at $0', () => {
  for (const model of ['claude-opus-4-9', '<synthetic>', 'sonnet', 'opus', 'gpt-4o', '']) {
    assert.equal(pricer.match(model), null, model);
    assert.deepEqual(pricer.cost(request(model, '2026-10-20T12:00:00Z', { inputTokens: 1_000, outputTokens: 1_000 })), { usd: 0, status: PriceStatus.unpriced, cardId: null }, model);
  }
});

test('every listed id and alias in the shipped table matches its own card exactly', () => {
  for (const card of SHIPPED_TABLE.models)
    for (const name of [card.id, ...card.aliases]) assert.deepEqual(matched(name), { card: card.id, kind: 'exact' }, name);
});

test('ModelMatcher gives the same answers as Pricer.match and caches them per id', () => {
  const matcher = new ModelMatcher(SHIPPED_TABLE.models);
  const first = matcher.match('us.anthropic.claude-sonnet-4-5-20261201-v1:0');
  assert.equal(first?.card.id, SONNET_45);
  assert.equal(first?.kind, 'family');
  assert.equal(matcher.match('us.anthropic.claude-sonnet-4-5-20261201-v1:0'), first);
  assert.equal(matcher.match('claude-opus-4-9'), null);
  assert.equal(matcher.match('claude-opus-4-0')?.card.id, OPUS_4);
});
