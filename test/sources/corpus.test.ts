// The real corpus (../shared/corpus/real: 214 transcripts from public repositories) ingested into a fresh
// ledger gives exactly REFERENCE.json, what refcount.mjs prints for it; with worker threads too, and per day.
// Skipped when ../shared is not there (a clone without it).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { pickUsage, type Usage } from '../../src/model/usage.ts';
import { ingestEnv, newLedger, rollupBy, totals } from '../helpers/ledger.ts';

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const CORPUS = path.join(SHARED, 'corpus/real');
const REFCOUNT = path.join(SHARED, 'tools/refcount.mjs');
const noCorpus = !existsSync(path.join(CORPUS, 'REFERENCE.json')) && `${CORPUS} is not there (a clone without ../shared)`;

function assertReference(got: Usage, want: Usage): void {
  const { costUSD: gotCost, ...gotTokens } = got;
  assert.deepEqual(gotTokens, {
    requests: want.requests,
    inputTokens: want.inputTokens,
    outputTokens: want.outputTokens,
    cacheCreationTokens: want.cacheCreationTokens,
    cacheCreation1hTokens: want.cacheCreation1hTokens,
    cacheReadTokens: want.cacheReadTokens,
    webSearchRequests: want.webSearchRequests,
  });
  assert.ok(Math.abs(gotCost - want.costUSD) <= 1e-6 * want.costUSD, `costUSD ${gotCost}, reference ${want.costUSD}`);
}

const reference = (): Usage => JSON.parse(readFileSync(path.join(CORPUS, 'REFERENCE.json'), 'utf8')) as Usage;

test('ingesting the real corpus gives REFERENCE.json: requests, every token field, cost', { skip: noCorpus }, async (t) => {
  const ledger = newLedger(t);
  const report = await ingestEnv(ledger, { CLAUDE_CONFIG_DIR: CORPUS });
  assert.equal(report.filesKnown, 214);
  assert.deepEqual(report.discovery.warnings, []);
  assertReference(await totals(ledger), reference());
});

test('ingesting the real corpus with two worker threads gives REFERENCE.json too', { skip: noCorpus }, async (t) => {
  const ledger = newLedger(t);
  await ingestEnv(ledger, { CLAUDE_CONFIG_DIR: CORPUS }, 2);
  assertReference(await totals(ledger), reference());
});

test('the real corpus per UTC day matches refcount.mjs --by-day', { skip: noCorpus }, async (t) => {
  const ledger = newLedger(t);
  await ingestEnv(ledger, { CLAUDE_CONFIG_DIR: CORPUS });
  const want = JSON.parse(execFileSync(process.execPath, [REFCOUNT, '--by-day', 'UTC', path.join(CORPUS, 'projects')], { encoding: 'utf8', maxBuffer: 1 << 26 })) as { days: Record<string, Usage> };
  const days = await rollupBy(ledger, 'day');
  assert.deepEqual(Object.keys(days), Object.keys(want.days));
  for (const [day, usage] of Object.entries(want.days)) assertReference(pickUsage(days[day]!), usage);
});
