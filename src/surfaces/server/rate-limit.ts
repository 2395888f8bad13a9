// A token bucket per member: `burst` requests at once, refilled at `perMinute`. Over the limit: 429 with
// Retry-After. In memory, per server process (a team server is one process).
import type { MiddlewareHandler } from 'hono';
import type { TeamEnv } from './auth.ts';
import { httpError } from './errors.ts';

export interface RateLimit {
  perMinute: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT = { perMinute: 600, burst: 120 } as const satisfies RateLimit;

export function rateLimit(limit: RateLimit, now: () => number = Date.now): MiddlewareHandler<TeamEnv> {
  const buckets = new Map<number, { tokens: number; at: number }>();
  const perMs = limit.perMinute / 60_000;
  return async function rateLimitHandler(c, next) {
    const id = c.get('member').id;
    const t = now();
    const b = buckets.get(id) ?? { tokens: limit.burst, at: t };
    b.tokens = Math.min(limit.burst, b.tokens + (t - b.at) * perMs);
    b.at = t;
    buckets.set(id, b);
    if (b.tokens < 1) {
      const wait = Math.ceil((1 - b.tokens) / perMs / 1000);
      throw httpError(429, `rate limit: at most ${limit.perMinute} requests a minute per token`, { 'Retry-After': String(wait) });
    }
    b.tokens -= 1;
    await next();
  };
}
