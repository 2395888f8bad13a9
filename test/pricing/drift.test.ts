// prices.json is generated from the researched facts (../shared/facts/pricing.json) by
// scripts/build-prices.mjs; `--check` fails when the shipped file has drifted from them. CI clones may not
// have ../shared: the tests are skipped when the facts file is absent.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/fixtures.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const facts = process.env.CCMETER_PRICING_FACTS ?? path.join(root, '../shared/facts/pricing.json');
const prices = path.join(root, 'src/pricing/prices.json');
const skip = existsSync(facts) ? false : `no pricing facts at ${facts}`;

const check = (env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, ['scripts/build-prices.mjs', '--check'], { cwd: root, encoding: 'utf8', env });

test('src/pricing/prices.json is what build-prices.mjs makes from the facts (--check exits 0)', { skip }, () => {
  const run = check();
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /matches the facts/);
});

test('build-prices.mjs --check exits 1 when a fact differs, and writes nothing', { skip }, (t) => {
  const changed = JSON.parse(readFileSync(facts, 'utf8'));
  changed.models.find((m: { id: string }) => m.id === 'claude-opus-4-6').input = 6;
  const file = path.join(tempDir(t), 'pricing.json');
  writeFileSync(file, JSON.stringify(changed));
  const before = readFileSync(prices, 'utf8');
  const run = check({ ...process.env, CCMETER_PRICING_FACTS: file });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /out of date/);
  assert.equal(readFileSync(prices, 'utf8'), before);
});
