// Cost over time in equal buckets: the live view's sparkline of the last hours. Pure: cells and `now` come in.
import type { RollupRow } from '../ledger/ledger.ts';

export interface CostBucket {
  /** ISO start of the bucket. */
  start: string;
  costUSD: number;
  requests: number;
}

/**
 * `count` buckets of `bucketMs`, oldest first, aligned to multiples of `bucketMs` since the epoch (quarter
 * hours stay quarter hours in every zone), the last one holding `now`. `cells`: minute rollup cells.
 */
export function costBuckets(cells: readonly RollupRow[], now: number, bucketMs: number, count: number): CostBucket[] {
  const first = (Math.floor(now / bucketMs) - count + 1) * bucketMs;
  const buckets = Array.from({ length: count }, (_, i) => ({ start: new Date(first + i * bucketMs).toISOString(), costUSD: 0, requests: 0 }));
  for (const c of cells) {
    const b = buckets[Math.floor((c.firstTs - first) / bucketMs)];
    if (!b || c.firstTs > now) continue;
    b.costUSD += c.costUSD;
    b.requests += c.requests;
  }
  return buckets;
}
