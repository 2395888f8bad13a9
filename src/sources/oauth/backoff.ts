// How long to stay away from the usage endpoint after a 429 (facts/limits.md §2 Errors, Polling):
// `Retry-After` (seconds or an HTTP date) when it names a time to come back; when it is absent or 0 (it is
// sometimes 0 while the 429 lasts for hours), 5 min × 2^(n−1) for the n-th 429 in a row. Capped at 6 h.

export const BACKOFF_BASE_MS = 5 * 60_000;
export const BACKOFF_MAX_MS = 6 * 3_600_000;

/** Milliseconds from `now` named by a Retry-After value, or null when absent, 0, past or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  const v = header?.trim() ?? '';
  if (v === '') return null;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const seconds = Number(v);
    return seconds > 0 ? Math.round(seconds * 1000) : null;
  }
  const at = Date.parse(v);
  return Number.isFinite(at) && at > now ? at - now : null;
}

/** The cooldown after the `n`-th consecutive 429 (n ≥ 1). */
export function cooldownMs(retryAfter: number | null, n: number): number {
  return Math.min(retryAfter ?? BACKOFF_BASE_MS * 2 ** Math.max(0, n - 1), BACKOFF_MAX_MS);
}
