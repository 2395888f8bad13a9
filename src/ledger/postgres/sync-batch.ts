// Stores one batch pushed by a member's machine: requests (merged like any ingest: max per field,
// earliest copy's attribution), limit snapshots (merged on their first-seen time) and the machine's
// last sync, in one transaction. Repeating a batch changes nothing.
import type { Pricer } from '../../pricing/cost.ts';
import type { StoredLimitSnapshot } from '../limits.ts';
import type { Db } from './connect.ts';
import { insertSnapshots } from './limit-snapshots.ts';
import { touchMachine } from './members.ts';
import { upsertRequests, type IncomingRequest } from './request-upsert.ts';

export interface PushedBatch {
  machine: string;
  plan?: string | null | undefined;
  requests: readonly IncomingRequest[];
  limits: readonly StoredLimitSnapshot[];
}

export async function storePushedBatch(db: Db, pricer: Pricer, memberId: number, batch: PushedBatch, now: number): Promise<void> {
  const limits = batch.limits.map((s) => ({ ...s, firstSeen: Math.floor(s.firstSeen), observedAt: Math.floor(s.observedAt), resetsAt: s.resetsAt === null ? null : Math.floor(s.resetsAt) }));
  await db.begin(async (tx) => {
    await upsertRequests(tx, memberId, batch.requests, pricer);
    await insertSnapshots(tx, memberId, limits);
    await touchMachine(tx, memberId, batch.machine, batch.plan ?? null, now);
  });
}
