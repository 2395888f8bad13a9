// ccmeter must report what the independent reference counter (../shared/tools/refcount.mjs) reports for the
// same files (facts/transcripts.md §7): every fixture scenario, totals and totals per UTC day. Skipped when
// ../shared is not there (a clone without it).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Usage } from '../../src/model/usage.ts';
import { assertUsage, rollupBy } from '../helpers/ledger.ts';
import { ingestScenario, scenarios, type ScenarioName } from '../helpers/scenarios.ts';

const REFCOUNT = fileURLToPath(new URL('../../../shared/tools/refcount.mjs', import.meta.url));
const noRefcount = !existsSync(REFCOUNT) && `${REFCOUNT} is not there (a clone without ../shared)`;

function refcount(roots: string[]): Usage & { days: Record<string, Usage> } {
  const out = execFileSync(process.execPath, [REFCOUNT, '--by-day', 'UTC', ...roots.map((r) => path.join(r, 'projects'))], { encoding: 'utf8' });
  return JSON.parse(out) as Usage & { days: Record<string, Usage> };
}

for (const name of Object.keys(scenarios) as ScenarioName[]) {
  test(`ccmeter and refcount.mjs agree on the ${name} fixture, in total and per day`, { skip: noRefcount }, async (t) => {
    const { roots, ledger, totals } = await ingestScenario(t, name);
    const want = refcount(roots);
    assert.ok(want.requests > 0);
    assertUsage(totals, want);
    const days = await rollupBy(ledger, 'day');
    assert.deepEqual(Object.keys(days), Object.keys(want.days));
    for (const [day, usage] of Object.entries(want.days)) assertUsage(days[day]!, usage);
  });
}
