import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assistant, tempDir, writeProjects } from '../helpers/fixtures.ts';
import { ingestTotals } from '../helpers/ledger.ts';

test('a streamed message written as three lines with growing output counts once, with its max output', async (t) => {
  const dir = writeProjects(tempDir(t), {
    'proj/s1.jsonl': [
      assistant({ usage: { input_tokens: 10, output_tokens: 2, cache_read_input_tokens: 5000 } }),
      assistant({ usage: { input_tokens: 10, output_tokens: 7, cache_read_input_tokens: 5000 } }),
      assistant({ usage: { input_tokens: 10, output_tokens: 350, cache_read_input_tokens: 5000 } }),
    ],
  });
  const got = await ingestTotals(t, dir);
  assert.equal(got.requests, 1);
  assert.equal(got.inputTokens, 10);
  assert.equal(got.outputTokens, 350);
  assert.equal(got.cacheReadTokens, 5000);
});
