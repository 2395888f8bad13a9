// Shared builders for the pricing tests: a request with every usage field at zero unless given, UTC
// timestamps, and a relative comparison (1e-12) for dollar amounts computed in floating point.
import assert from 'node:assert/strict';
import type { PricedUsage } from '../../src/pricing/cost.ts';

/** Epoch ms of an ISO timestamp (the offset, if any, is honoured: pricing uses the UTC date). */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  assert.ok(Number.isFinite(ms), `bad timestamp ${iso}`);
  return ms;
}

/** One deduplicated request of `model` at `iso`; unspecified counts are 0, not fast, not US-only. */
export function request(model: string, iso: string, u: Partial<Omit<PricedUsage, 'model' | 'ts'>> = {}): PricedUsage {
  return {
    model,
    ts: at(iso),
    fast: false,
    geoUs: false,
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheCreation1hTokens: 0,
    cacheReadTokens: 0,
    webSearchRequests: 0,
    ...u,
  };
}

/** `actual` within 1e-12 of `expected`, relatively (an expected 0 must be exactly 0). */
export function assertClose(actual: number, expected: number, what = 'value'): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected), `${what}: expected ${expected}, got ${actual}`);
}
