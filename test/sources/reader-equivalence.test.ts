// The fast byte reader is an optimisation of the JSON.parse reader: for every file both must produce the same
// records and the same scan results (offsets, bad lines, partial tails). Checked on every fixture scenario and,
// when ../shared is there, on every file of the real corpus.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { discover } from '../../src/sources/transcripts/discover.ts';
import { scanFile } from '../helpers/scan.ts';
import { build, scenarios, type ScenarioName } from '../helpers/scenarios.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/real', import.meta.url));
const noCorpus = !existsSync(CORPUS) && `${CORPUS} is not there (a clone without ../shared)`;

function assertSameReads(env: { CLAUDE_CONFIG_DIR: string }): number {
  const files = discover(env).files;
  for (const file of files) {
    const fast = scanFile(file, false);
    const slow = scanFile(file, true);
    assert.deepEqual(fast.records, slow.records, `records of ${file.path}`);
    assert.deepEqual(fast.scan, slow.scan, `scan of ${file.path}`);
  }
  return files.length;
}

for (const name of Object.keys(scenarios) as ScenarioName[]) {
  test(`fast and JSON.parse readers agree on the ${name} fixture`, (t) => {
    const { env } = build(t, name);
    assert.ok(assertSameReads({ CLAUDE_CONFIG_DIR: env.CLAUDE_CONFIG_DIR! }) > 0);
  });
}

test('the readers find records in the fixtures (the comparison is not between two empty lists)', (t) => {
  const file = discover(build(t, 'streamingGrowth').env).files[0]!;
  assert.equal(scanFile(file, false).records.length, 3);
  assert.equal(scanFile(file, true).records.length, 3);
});

test('fast and JSON.parse readers agree on every file of the real corpus', { skip: noCorpus }, () => {
  assert.equal(assertSameReads({ CLAUDE_CONFIG_DIR: CORPUS }), 214);
});
