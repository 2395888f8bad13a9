// The sync payload, validated at the door: zod/mini schemas, a maximum batch size and body size. A batch
// that fails any check is refused whole (4xx with a message) and nothing of it is written.
// Requests are most of every batch, so each is first checked by `isRequest`, a plain function that is at
// least as strict as the schema; only when it says no does the schema run, to decide and to word the
// message. The schema stays the truth: the fast check can only send a row to it, never let one past it.
import * as z from 'zod/mini';
import type { SyncBatch } from '../../app/sync.ts';
import { describeIssues } from '../../config/parse.ts';

export interface SyncLimits {
  /** Requests per batch. */
  maxRequests: number;
  /** Limit snapshots per batch. */
  maxLimits: number;
  /** Bytes of JSON per batch. */
  maxBodyBytes: number;
}

export const DEFAULT_SYNC_LIMITS = { maxRequests: 5000, maxLimits: 1000, maxBodyBytes: 8 * 1024 * 1024 } as const satisfies SyncLimits;

const MAX_EPOCH_MS = 8.64e15;
const count = z.int().check(z.gte(0));
const text = (max: number) => z.string().check(z.maxLength(max));
const epochMs = z.number().check(z.gte(0), z.lte(MAX_EPOCH_MS));

/** Longest accepted text per field. */
const LENGTHS = { key: 256, sessionId: 256, project: 1024, cwd: 4096, model: 256, version: 64 } as const;
const COUNTS = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheCreation1hTokens', 'cacheReadTokens', 'webSearchRequests', 'webFetchRequests'] as const;
const FLAGS = ['tsKnown', 'fast', 'geoUs', 'agent'] as const;

const request = z.strictObject({
  key: text(LENGTHS.key).check(z.minLength(1)),
  ts: epochMs,
  tsKnown: z.boolean(),
  sessionId: text(LENGTHS.sessionId),
  project: text(LENGTHS.project),
  cwd: z.nullable(text(LENGTHS.cwd)),
  model: text(LENGTHS.model),
  inputTokens: count,
  outputTokens: count,
  cacheCreationTokens: count,
  cacheCreation1hTokens: count,
  cacheReadTokens: count,
  webSearchRequests: count,
  webFetchRequests: count,
  fast: z.boolean(),
  geoUs: z.boolean(),
  agent: z.boolean(),
  version: z.nullable(text(LENGTHS.version)),
});

const snapshot = z.strictObject({
  source: z.enum(['statusline', 'oauth']),
  window: text(128).check(z.minLength(1)),
  firstSeen: epochMs,
  observedAt: epochMs,
  usedPercent: z.nullable(z.number()),
  resetsAt: z.nullable(epochMs),
  detail: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});

const envelope = {
  machine: text(128).check(z.minLength(1)),
  plan: z.optional(z.nullable(z.enum(['pro', 'max_5x', 'max_20x']))),
  limits: z.array(snapshot),
};

export const syncBatchSchema = z.strictObject({ ...envelope, requests: z.array(request) });
/** The batch with its requests unchecked: they go through `isRequest` first. */
const envelopeSchema = z.strictObject({ ...envelope, requests: z.array(z.unknown()) });

export type ParsedBatch = z.infer<typeof syncBatchSchema>;
// the schema and the client's type describe the same payload
const _sameShape = (b: ParsedBatch): SyncBatch => b;
void _sameShape;

const REQUEST_KEYS = Object.keys(request.def.shape).length;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** True only for a request the schema accepts as it is (no extra keys, no conversions). */
export function isRequest(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  if (Object.keys(r).length !== REQUEST_KEYS) return false;
  for (const k of COUNTS) if (!Number.isSafeInteger(r[k]) || (r[k] as number) < 0) return false;
  for (const k of FLAGS) if (typeof r[k] !== 'boolean') return false;
  const ts = r['ts'];
  return (
    typeof ts === 'number' && ts >= 0 && ts <= MAX_EPOCH_MS &&
    isText(r['key'], LENGTHS.key) && r['key'] !== '' &&
    isText(r['sessionId'], LENGTHS.sessionId) && isText(r['project'], LENGTHS.project) && isText(r['model'], LENGTHS.model) &&
    (r['cwd'] === null || isText(r['cwd'], LENGTHS.cwd)) &&
    (r['version'] === null || isText(r['version'], LENGTHS.version))
  );
}

export type BatchCheck = { ok: true; batch: ParsedBatch } | { ok: false; message: string };

export function checkBatch(body: unknown): BatchCheck {
  const head = envelopeSchema.safeParse(body);
  if (head.success && head.data.requests.every(isRequest)) return { ok: true, batch: head.data as ParsedBatch };
  const full = syncBatchSchema.safeParse(body);
  return full.success ? { ok: true, batch: full.data } : { ok: false, message: `invalid batch: ${describeIssues(full.error.issues)}` };
}
