// POST /api/sync: one batch from a member's machine. Size checks first (body bytes, then row counts: 413),
// then the schema (400); only a batch that passes everything is written, in one transaction.
import type { Context } from 'hono';
import type { SyncAccepted } from '../../app/sync.ts';
import type { PostgresStore } from '../../ledger/postgres/store.ts';
import { storePushedBatch } from '../../ledger/postgres/sync-batch.ts';
import type { TeamEnv } from './auth.ts';
import { httpError } from './errors.ts';
import { checkBatch, type SyncLimits } from './sync-schema.ts';

export function syncHandler(store: PostgresStore, limits: SyncLimits, now: () => number) {
  return async function syncBatch(c: Context<TeamEnv>): Promise<Response> {
    const raw = await c.req.text();
    // PostgreSQL text cannot hold NUL; in JSON it can only be written as this escape
    if (raw.includes('\\u0000')) throw httpError(400, 'text must not contain NUL characters (\\u0000)');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw httpError(400, 'the body is not JSON');
    }
    const rows = (key: string) => {
      const v = (body as Record<string, unknown> | null)?.[key];
      return Array.isArray(v) ? v.length : 0;
    };
    if (rows('requests') > limits.maxRequests) throw httpError(413, `batch too large: at most ${limits.maxRequests} requests per batch`);
    if (rows('limits') > limits.maxLimits) throw httpError(413, `batch too large: at most ${limits.maxLimits} limit snapshots per batch`);
    const checked = checkBatch(body);
    if (!checked.ok) throw httpError(400, checked.message);
    await storePushedBatch(store.db, store.pricer, c.get('member').id, checked.batch, now());
    return c.json({ requests: checked.batch.requests.length, limits: checked.batch.limits.length } satisfies SyncAccepted);
  };
}
