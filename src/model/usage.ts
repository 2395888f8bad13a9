// Usage arithmetic shared by every report.
import type { Usage } from '../ledger/ledger.ts';

export type { Usage };

export const USAGE_KEYS = [
  'requests',
  'inputTokens',
  'outputTokens',
  'cacheCreationTokens',
  'cacheCreation1hTokens',
  'cacheReadTokens',
  'webSearchRequests',
  'costUSD',
] as const satisfies readonly (keyof Usage)[];

export function zeroUsage(): Usage {
  return {
    requests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheCreation1hTokens: 0,
    cacheReadTokens: 0,
    webSearchRequests: 0,
    costUSD: 0,
  };
}

/** Adds `b` into `a`. Sums run in the caller's order: totals built by adding rows in row order equal a reader's sum. */
export function addUsage(a: Usage, b: Usage): Usage {
  for (const k of USAGE_KEYS) a[k] += b[k];
  return a;
}

export function pickUsage(u: Usage): Usage {
  return addUsage(zeroUsage(), u);
}

/** All tokens, cache reads included (what ccusage calls "Total Tokens"). */
export function totalTokens(u: Usage): number {
  return u.inputTokens + u.outputTokens + u.cacheCreationTokens + u.cacheReadTokens;
}
