// `ccmeter sync`: pushes this machine's ledger rows that the team server has not stored yet, in batches.
// Each batch is an idempotent upsert on the server, and the local cursor moves only after the server said
// yes: a batch retried after a timeout, a crash or a lost answer never double counts, and a machine that
// was offline catches up on its next sync. The daemon calls `syncOnce` on a timer.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { StoredLimitSnapshot } from '../ledger/limits.ts';
import { SyncLog, type SyncCursor, type SyncedRequest } from '../ledger/sqlite/sync-log.ts';
import { CcmeterError, UsageError } from '../shared/errors.ts';
import type { AppContext } from './context.ts';

/** The body of `POST /api/sync`. */
export interface SyncBatch {
  /** Which machine pushed (shown in team views). */
  machine: string;
  /** The subscription this machine's Claude Code login is on, when known. */
  plan?: 'pro' | 'max_5x' | 'max_20x' | null | undefined;
  requests: SyncedRequest[];
  limits: StoredLimitSnapshot[];
}

/** The answer to `POST /api/sync`: how many rows of the batch the server stored (merged). */
export interface SyncAccepted {
  requests: number;
  limits: number;
}

export interface SyncTarget {
  /** The team server's base URL (`https://ccmeter.example.com`, or with a path prefix). */
  url: string;
  token: string;
  /** Requests per batch (default 2000; the server takes up to 5000). */
  batchSize?: number;
  machine?: string;
  plan?: SyncBatch['plan'];
  /** Called after each stored batch. */
  onBatch?: (sent: SyncAccepted) => void;
  /** For tests: another fetch (an in-process app's `request`). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Milliseconds before each retry after a network error or a 5xx (default 0.5 s, 2 s, 5 s). */
  retryDelaysMs?: readonly number[];
}

/** The JSON shape of `ccmeter sync --json`. */
export interface SyncReport {
  server: string;
  batches: number;
  /** Rows pushed (a row changed twice since the last sync is pushed once). */
  requests: number;
  limits: number;
}

const LIMIT_BATCH = 500;

/** Where a target's cursor is kept: the server URL and which token (a hash, never the token). */
export function targetId(url: string, token: string): string {
  return `${baseUrl(url)}#${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

function baseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`${url} is not a URL`, 'Give the team server as http(s)://host[:port], for example --to https://ccmeter.example.com');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`${url}: not an http(s) URL`);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** Pushes everything not yet stored on the server; returns what was sent. */
export async function syncOnce(app: Pick<AppContext, 'paths'>, target: SyncTarget): Promise<SyncReport> {
  const server = baseUrl(target.url);
  const id = targetId(target.url, target.token);
  const size = Math.max(1, Math.min(target.batchSize ?? 2000, 5000));
  const machine = target.machine ?? hostname();
  const log = new SyncLog(app.paths.ledger);
  const report: SyncReport = { server, batches: 0, requests: 0, limits: 0 };
  try {
    let cursor: SyncCursor = log.cursor(id);
    for (;;) {
      const requests = log.requests(cursor.requests, size);
      const limits = log.limits(cursor.limits, LIMIT_BATCH);
      if (requests.rows.length === 0 && limits.rows.length === 0) break;
      const batch: SyncBatch = { machine, ...(target.plan !== undefined ? { plan: target.plan } : {}), requests: requests.rows, limits: limits.rows };
      await push(server, target, batch);
      cursor = { requests: requests.last, limits: limits.last };
      log.advance(id, cursor);
      report.batches++;
      report.requests += batch.requests.length;
      report.limits += batch.limits.length;
      target.onBatch?.({ requests: batch.requests.length, limits: batch.limits.length });
    }
    return report;
  } finally {
    log.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One batch, retried on network errors, 5xx and 429 (after Retry-After); other refusals are errors. */
async function push(server: string, target: SyncTarget, batch: SyncBatch): Promise<SyncAccepted> {
  const send = target.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const delays = target.retryDelaysMs ?? [500, 2000, 5000];
  const body = JSON.stringify(batch);
  for (let attempt = 0; ; attempt++) {
    let res: Response | null = null;
    let failure = '';
    try {
      res = await send(`${server}/api/sync`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' },
        body,
      });
    } catch (e) {
      failure = (e as Error).message;
    }
    if (res?.ok) return (await res.json()) as SyncAccepted;
    const message = res ? await errorMessage(res) : failure;
    if (res && res.status !== 429 && res.status < 500) throw refusal(server, res.status, message);
    if (attempt >= delays.length) {
      throw new CcmeterError(
        `Could not sync to ${server}: ${res ? `${res.status} ${message}` : message}`,
        'Nothing is lost: the next `ccmeter sync` resumes where this one stopped.',
      );
    }
    const retryAfter = Number(res?.headers.get('Retry-After'));
    await sleep(res?.status === 429 && Number.isFinite(retryAfter) ? Math.min(retryAfter, 60) * 1000 : delays[attempt]!);
  }
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    return String((JSON.parse(text) as { error?: unknown }).error ?? text);
  } catch {
    return text.slice(0, 200);
  }
}

function refusal(server: string, status: number, message: string): CcmeterError {
  if (status === 401) {
    return new CcmeterError(`The team server at ${server} refused the token: ${message}`, 'Ask a team admin for a token (`ccmeter server add-member NAME`) and pass it with --token or CCMETER_SYNC_TOKEN.');
  }
  return new CcmeterError(`The team server at ${server} refused a batch (${status}): ${message}`, 'Check that this ccmeter and the server are the same version.');
}
