// One deduplicated API request, as the ledger stores it, and the merge rule for two copies of it.
// The rules are facts/transcripts.md §7: one group per message.id across all files and roots; per usage
// field the max over all copies; the earliest timestamp, with the session/project attribution of that copy.
// Max and min make the totals independent of the order in which copies are read.

export interface RequestRecord {
  /** message.id, or "h:<sha1 of the raw line>" when a line has no message.id (transcripts.md §7.2). */
  key: string;
  /** Epoch milliseconds of the earliest copy. */
  ts: number;
  /** False when no copy carried a timestamp and `ts` is the source file's mtime. */
  tsKnown: boolean;
  sessionId: string;
  /** The encoded project folder under `projects/` (lossy: see `cwd` for the real path). */
  project: string;
  cwd: string | null;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** All cache writes, 5m + 1h (`cache_creation_input_tokens`). */
  cacheCreationTokens: number;
  /** The 1h part of the cache writes (`cache_creation.ephemeral_1h_input_tokens`). */
  cacheCreation1hTokens: number;
  cacheReadTokens: number;
  webSearchRequests: number;
  webFetchRequests: number;
  /** `usage.speed == "fast"` on any copy. */
  fast: boolean;
  /** `usage.inference_geo == "us"` on any copy (priced ×1.1, pricing.md §6). */
  geoUs: boolean;
  /** A sub-agent call (`isSidechain` on the earliest copy, or that copy sits in an agent-*.jsonl file). */
  agent: boolean;
  /** Claude Code version that wrote the earliest copy. */
  version: string | null;
  /** Path of the file holding the earliest copy. */
  file: string;
}

export const USAGE_FIELDS = [
  'inputTokens',
  'outputTokens',
  'cacheCreationTokens',
  'cacheCreation1hTokens',
  'cacheReadTokens',
  'webSearchRequests',
  'webFetchRequests',
] as const satisfies readonly (keyof RequestRecord)[];

type Dated = Pick<RequestRecord, 'ts' | 'tsKnown'>;

/**
 * True when copy `b` should give the group its timestamp and attribution instead of `a`: a real timestamp
 * beats a file-time stand-in, then the earlier one wins. On an exact tie the copy seen first keeps it.
 */
export function isEarlier(b: Dated, a: Dated): boolean {
  if (b.tsKnown !== a.tsKnown) return b.tsKnown;
  return b.ts < a.ts;
}

/** Merges copy `b` into `a` in place. Max and min make the result independent of the order of copies. */
export function mergeRequest(a: RequestRecord, b: RequestRecord): void {
  for (const f of USAGE_FIELDS) if (b[f] > a[f]) a[f] = b[f];
  a.fast ||= b.fast;
  a.geoUs ||= b.geoUs;
  if (isEarlier(b, a)) {
    a.ts = b.ts;
    a.tsKnown = b.tsKnown;
    a.sessionId = b.sessionId;
    a.project = b.project;
    a.cwd = b.cwd ?? a.cwd;
    a.version = b.version ?? a.version;
    a.file = b.file;
    a.model = b.model;
    a.agent = b.agent;
  }
}
