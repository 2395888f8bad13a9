// Keeps the dashboard's ledger current and says when it changed. One incremental ingest at a time, run at
// start, when a log root changes (fs.watch, debounced) and on a timer (watchers can miss events); the
// ledger's folder is watched too, so limit snapshots and requests written by other ccmeter processes (the
// statusline, a CLI run) are noticed. Subscribers hear of each change of the usage or the limit values.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../../app/context.ts';
import { ingest, type IngestReport } from '../../../sources/transcripts/ingest.ts';
import { resolveRoots } from '../../../sources/transcripts/discover.ts';

/** What an `/api/events` event carries. */
export interface LedgerUpdate {
  /** New or grown requests landed. */
  usage: boolean;
  /** A limit snapshot landed (a new value, or a known one seen again). */
  limits: boolean;
  requests: number;
  lastRequestAt: string | null;
  limitsObservedAt: string | null;
}

export interface LiveOptions {
  /** Ingest on this interval too (ms). */
  pollMs: number;
  /** Quiet time after a file event before acting (ms). */
  debounceMs: number;
  /** Reports a failed background ingest (the dashboard keeps serving). */
  onError: (e: unknown) => void;
}

interface LedgerState {
  usage: string;
  limits: string;
  update: Omit<LedgerUpdate, 'usage' | 'limits'>;
}

export class LiveLedger {
  /** What the newest ingest found (discovery warnings feed the reports, as in a CLI run). */
  lastIngest: IngestReport | null = null;
  private readonly app: AppContext;
  private readonly options: LiveOptions;
  private readonly listeners = new Set<(u: LedgerUpdate) => void>();
  private readonly closers = new Set<() => void>();
  private readonly watchers: FSWatcher[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private running: Promise<void> | null = null;
  private rerun: 'ingest' | 'check' | null = null;
  private known: LedgerState | null = null;
  private closed = false;

  constructor(app: AppContext, options: LiveOptions) {
    this.app = app;
    this.options = options;
  }

  /** Starts the first ingest, the watchers and the timer. */
  start(): void {
    void this.run('ingest');
    for (const dir of this.logDirs()) this.watch(dir, true, 'ingest');
    this.watch(path.dirname(this.app.paths.ledger), false, 'check');
    const poll = setInterval(() => void this.run('ingest'), this.options.pollMs);
    poll.unref();
    this.timers.add(poll);
  }

  /** Resolves when no ingest or check is in flight: answers then see a whole batch of new data. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** A key that changes whenever the ledger's usage or limit values do (for caches). */
  async stateKey(): Promise<string> {
    const s = await this.read();
    return `${s.usage}|${s.limits}|${JSON.stringify(this.lastIngest?.discovery.warnings ?? [])}`;
  }

  subscribe(listener: (u: LedgerUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Called once when the dashboard shuts down (open event streams end). */
  onClose(closer: () => void): () => void {
    this.closers.add(closer);
    return () => this.closers.delete(closer);
  }

  /** Runs an ingest (or only a state check) now, or once more after the one in flight. */
  run(kind: 'ingest' | 'check'): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      if (this.rerun !== 'ingest') this.rerun = kind;
      return this.running;
    }
    this.running = this.step(kind).finally(() => {
      this.running = null;
      const next = this.rerun;
      this.rerun = null;
      if (next) void this.run(next);
    });
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.watchers) w.close();
    for (const t of this.timers) clearTimeout(t);
    for (const close of this.closers) close();
    this.closers.clear();
    await this.idle();
  }

  private async step(kind: 'ingest' | 'check'): Promise<void> {
    try {
      if (kind === 'ingest') {
        const { env, ledger, paths, pricer } = this.app;
        this.lastIngest = await ingest(ledger, { env, parallel: { ledgerFile: paths.ledger, priceTable: pricer.table } });
      }
      this.notify(await this.read());
    } catch (e) {
      this.options.onError(e);
    }
  }

  private notify(state: LedgerState): void {
    const before = this.known;
    this.known = state;
    if (!before || (before.usage === state.usage && before.limits === state.limits)) return;
    const update: LedgerUpdate = { usage: before.usage !== state.usage, limits: before.limits !== state.limits, ...state.update };
    for (const listener of this.listeners) listener(update);
  }

  private async read(): Promise<LedgerState> {
    const [stats, latest] = await Promise.all([this.app.ledger.stats(), this.app.ledger.latestLimitSnapshots()]);
    const observed = Math.max(0, ...latest.map((s) => s.observedAt));
    return {
      usage: [stats.requests, stats.firstTs, stats.lastTs, stats.files, stats.bytes, stats.badLines, stats.partialTails].join(':'),
      limits: latest.map((s) => `${s.source}/${s.window}/${s.observedAt}/${s.usedPercent}/${s.resetsAt}`).join(','),
      update: {
        requests: stats.requests,
        lastRequestAt: stats.lastTs === null ? null : new Date(stats.lastTs).toISOString(),
        limitsObservedAt: observed === 0 ? null : new Date(observed).toISOString(),
      },
    };
  }

  /** The log roots' projects/ folders; none when they cannot be resolved (the ingest reports why). */
  private logDirs(): string[] {
    try {
      return resolveRoots(this.app.env).roots.map((r) => r.projectsDir);
    } catch {
      return [];
    }
  }

  private watch(dir: string, recursive: boolean, kind: 'ingest' | 'check'): void {
    let pending: NodeJS.Timeout | null = null;
    const fire = () => {
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => {
        if (pending) this.timers.delete(pending);
        pending = null;
        void this.run(kind);
      }, this.options.debounceMs);
      this.timers.add(pending);
    };
    try {
      const watcher = watch(dir, { recursive, persistent: false }, (_event, name) => {
        // the ledger folder: only the ledger's own files matter (not state files beside it)
        if (kind === 'check' && name !== null && !String(name).startsWith(path.basename(this.app.paths.ledger))) return;
        fire();
      });
      watcher.on('error', () => watcher.close());
      this.watchers.push(watcher);
    } catch {
      // a folder that cannot be watched is still read by the timer
    }
  }
}
