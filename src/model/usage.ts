// Usage arithmetic shared by every report.
import type { Usage } from '../ledger/ledger.ts';

export type { Usage };

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
  // field by field rather than a loop over USAGE_KEYS: named accesses stay fast on hot report paths
  a.requests += b.requests;
  a.inputTokens += b.inputTokens;
  a.outputTokens += b.outputTokens;
  a.cacheCreationTokens += b.cacheCreationTokens;
  a.cacheCreation1hTokens += b.cacheCreation1hTokens;
  a.cacheReadTokens += b.cacheReadTokens;
  a.webSearchRequests += b.webSearchRequests;
  a.costUSD += b.costUSD;
  return a;
}

export function pickUsage(u: Usage): Usage {
  return {
    requests: u.requests,
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    cacheCreationTokens: u.cacheCreationTokens,
    cacheCreation1hTokens: u.cacheCreation1hTokens,
    cacheReadTokens: u.cacheReadTokens,
    webSearchRequests: u.webSearchRequests,
    costUSD: u.costUSD,
  };
}

/** All tokens, cache reads included (what ccusage calls "Total Tokens"). */
export function totalTokens(u: Usage): number {
  return u.inputTokens + u.outputTokens + u.cacheCreationTokens + u.cacheReadTokens;
}
