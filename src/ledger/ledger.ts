// The store interface. Two implementations (SQLite via node:sqlite for one machine, PostgreSQL for the
// team server) run one contract suite (test/ledger/contract.ts). It speaks at the level of ccmeter's
// questions, not SQL: apply a batch of requests, remember file offsets, roll usage up, keep limit
// snapshots and alert state.
import type { LimitSnapshot, StoredLimitSnapshot } from './limits.ts';
import type { RequestRecord } from './request.ts';

/** What ingest remembers about one transcript file, to read only new bytes next time. */
export interface FileState {
  path: string;
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  /** Bytes consumed: just past the last complete line. */
  offset: number;
  /** A hash of the file's first bytes (up to 1 KiB): a replaced file no longer matches. */
  headHash: string;
  badLines: number;
  partialTail: boolean;
}

export interface IngestBatch {
  requests: readonly RequestRecord[];
  /** Files completely read up to their `offset`: recorded in the same transaction as the requests. */
  files: readonly FileState[];
}

export interface Usage {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** All cache writes (5m + 1h). */
  cacheCreationTokens: number;
  cacheCreation1hTokens: number;
  cacheReadTokens: number;
  webSearchRequests: number;
  costUSD: number;
}

/** `minute` keys are UTC minutes (ISO), for activity timelines such as 5-hour blocks. */
export type GroupBy = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'session' | 'project' | 'model' | 'all';

export interface RollupQuery {
  groupBy: GroupBy;
  /** IANA time zone for the calendar groupings. */
  tz: string;
  /** 0 = Sunday … 6 = Saturday; for `week`. */
  weekStart?: number;
  /** UTC epoch ms, inclusive. */
  since?: number;
  /** UTC epoch ms, exclusive. */
  until?: number;
  /** Only this session's requests. */
  session?: string;
}

/** One (key, model) cell of a rollup. */
export interface RollupRow extends Usage {
  key: string;
  model: string;
  firstTs: number;
  lastTs: number;
  /** Requests and cost of sub-agent calls inside this cell. */
  agentRequests: number;
  agentCostUSD: number;
  /** For `session` rollups: the project of the session's earliest request. */
  project?: string;
}

/** One request on the activity timeline (plan advice simulates limit windows over it). */
export interface ActivityPoint {
  ts: number;
  session: string;
  model: string;
  costUSD: number;
  /** input + cache writes + cache reads: the prompt size the long-context rules look at. */
  promptTokens: number;
  agent: boolean;
  fast: boolean;
}

/** One stored request, for the live view's list of latest requests. */
export interface RecentRequest {
  ts: number;
  session: string;
  project: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** All cache writes (5m + 1h). */
  cacheCreationTokens: number;
  cacheReadTokens: number;
  costUSD: number;
  agent: boolean;
}

export interface PricingIssue {
  model: string;
  /** `family`: priced as a listed model of the same family and version; `unpriced`: $0, not counted in cost. */
  kind: 'family' | 'unpriced';
  pricedAs: string | null;
  requests: number;
}

export interface VersionCount {
  version: string;
  requests: number;
}

export interface ProjectInfo {
  project: string;
  /** The working directory the project's lines carry (the readable name). */
  cwd: string | null;
}

export interface LedgerStats {
  requests: number;
  files: number;
  firstTs: number | null;
  lastTs: number | null;
  badLines: number;
  partialTails: number;
  bytes: number;
}

export interface Ledger {
  /** Known files, by path. */
  fileStates(): Promise<Map<string, FileState>>;
  /** One known file (the statusline reads only the current transcript). */
  fileState(path: string): Promise<FileState | undefined>;
  /**
   * The stamp of the transcript tree (every file's path and identity, `treeStamp`) recorded by the last ingest
   * that read everything it planned, or null. A tree that stats the same has nothing unread, so ingest skips
   * loading every file state. Optional: a store that never reads local logs leaves both out.
   */
  scanStamp?(): Promise<string | null>;
  setScanStamp?(stamp: string): Promise<void>;
  /** Merges requests (max per usage field, earliest copy's attribution) and records file states: one transaction. */
  applyBatch(batch: IngestBatch): Promise<void>;
  /** Cells sorted by key, then model name. */
  rollup(q: RollupQuery): Promise<RollupRow[]>;
  /** Every request in [since, until), oldest first. */
  activity(range: { since?: number; until?: number }): Promise<ActivityPoint[]>;
  /** The `limit` newest requests, newest first. */
  latestRequests(limit: number): Promise<RecentRequest[]>;
  /** Models priced by family or not priced at all, with request counts, within a time range. */
  pricingIssues(range: { since?: number; until?: number }): Promise<PricingIssue[]>;
  /** Request counts per Claude Code version within a time range. */
  versions(range: { since?: number; until?: number }): Promise<VersionCount[]>;
  projects(): Promise<ProjectInfo[]>;
  stats(): Promise<LedgerStats>;
  /**
   * Records limit observations. A value equal to the newest stored one for its (source, window) only moves
   * that row's observedAt forward (within `extendWithinMs`, default 10 minutes); a new value adds a row.
   */
  recordLimitSnapshots(snapshots: readonly LimitSnapshot[], options?: { extendWithinMs?: number }): Promise<void>;
  /** The newest stored row per (source, window). */
  latestLimitSnapshots(): Promise<StoredLimitSnapshot[]>;
  /** Stored rows observed at or after `since` (epoch ms), oldest first; optionally of some windows only. */
  limitHistory(q: { since?: number; windows?: readonly string[] }): Promise<StoredLimitSnapshot[]>;
  /**
   * Claims an alert: records `key` as fired and returns true, or returns false when it was already recorded
   * (by this or another process). Atomic, so an alert fires once however many watchers run.
   */
  claimAlert(key: string, firedAt: number, detail?: Record<string, unknown>): Promise<boolean>;
  /** Alerts recorded at or after `since`, newest first. */
  firedAlerts(since: number): Promise<{ key: string; firedAt: number; detail: Record<string, unknown> | null }[]>;
  close(): Promise<void>;
}
