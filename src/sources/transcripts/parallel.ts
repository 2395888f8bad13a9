// Parallel ingest: worker threads scan chunks of files AND write them to the ledger through their own
// SQLite connections, so scanning and writing overlap with no records crossing threads. A worker holding
// records tries the write lock without waiting; if another worker is writing, it scans on and tries again
// after its next chunk. Each transaction holds a chunk's requests with the offsets of the files they came
// from, so a crash at any point resumes cleanly. The main thread only hands out chunks.
import type { Worker } from 'node:worker_threads';
import type { PriceTable } from '../../pricing/price-table.ts';
import type { ScanTask } from './plan.ts';
import type { FileScan } from './scan-file.ts';
import { holdYoungGeneration, startWorkersFullSize } from './young-generation.ts';

/** What a worker needs to open its own connection to the ledger. */
export interface WorkerLedger {
  ledgerFile: string;
  priceTable: PriceTable;
  batchSize: number;
  /** The ledger's first load: the worker's connection skips fsync too (SqliteLedgerOptions.firstLoad). */
  firstLoad?: boolean;
}

/** `init` comes first: a worker may be started before the ledger it writes to is known (`prewarmScanWorkers`). */
export type ToWorker = { type: 'init'; ledger: WorkerLedger } | { type: 'chunk'; items: { index: number; task: ScanTask }[] } | { type: 'finish' };
export type FromWorker = { type: 'chunk-done'; scans: { index: number; scan: FileScan | { error: string } }[] } | { type: 'finished' };

/** Files per chunk: about this many bytes. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Chunks queued per worker, so none waits for the next one while the main thread scans or writes. */
const IN_FLIGHT = 4;

function workerUrl(): URL {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./scan-worker${ext}`, import.meta.url);
}

/** Young generation per worker: small, so its collections stay short and its memory flat (young-generation.ts). */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** Workers started ahead of their work, not yet taken; unreferenced, they do not keep the process alive. */
let prewarmed: Worker[] = [];
const broken = new WeakSet<Worker>();

function startWorker(): Worker {
  // loaded here, not at start-up: most runs read a few new bytes on the main thread
  const { Worker: WorkerThread } = process.getBuiltinModule('node:worker_threads');
  startWorkersFullSize();
  return new WorkerThread(workerUrl(), { resourceLimits: WORKER_LIMITS });
}

/**
 * Starts `count` scan workers before the read that needs them is planned. A worker takes about 100 ms of
 * CPU to boot on a small machine; started while the main thread opens the ledger and lists the logs, it
 * boots on the idle core instead of during the read, where it competed with the main thread's scanning
 * (measured: 230 ms from start to first chunk). For a first run, whose read is the whole history.
 */
export function prewarmScanWorkers(count: number): void {
  while (prewarmed.length < count) {
    const w = startWorker();
    w.unref();
    w.once('error', () => broken.add(w)); // taken later or not at all: never an unhandled error
    prewarmed.push(w);
  }
}

export const prewarmedWorkerCount = (): number => prewarmed.length;

/** Stops the prewarmed workers nobody took (the read turned out small). */
export function discardPrewarmedWorkers(): void {
  for (const w of prewarmed) void w.terminate();
  prewarmed = [];
}

function takeWorker(): Worker {
  for (let w = prewarmed.shift(); w; w = prewarmed.shift()) {
    if (!broken.has(w)) {
      w.ref();
      return w;
    }
    void w.terminate();
  }
  return startWorker();
}

function chunks(tasks: readonly ScanTask[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  tasks.forEach((t, i) => {
    current.push(i);
    bytes += t.file.size - t.from;
    if (bytes >= CHUNK_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
  });
  if (current.length) out.push(current);
  return out;
}

/** Scans and writes `tasks` on `workerCount` threads; resolves when every worker has committed and closed. */
/** The main thread's share of the work: it scans chunks between handing them out, and writes them itself. */
export interface LocalScanner {
  scan(items: { index: number; task: ScanTask }[]): Extract<FromWorker, { type: 'chunk-done' }>['scans'];
  /** Writes what is left, waiting for the lock if need be. */
  finish(): Promise<void>;
}

export async function ingestInParallel(
  tasks: readonly ScanTask[],
  workerCount: number,
  ledger: WorkerLedger,
  onFileDone: (task: ScanTask, scan: FileScan) => void,
  local?: LocalScanner,
): Promise<string[]> {
  const queue = chunks(tasks);
  const warnings: string[] = [];
  const accept = (scans: Extract<FromWorker, { type: 'chunk-done' }>['scans']) => {
    for (const { index, scan } of scans) {
      if ('error' in scan) warnings.push(scan.error);
      else onFileDone(tasks[index]!, scan);
    }
  };
  const workers: Worker[] = Array.from({ length: workerCount }, takeWorker);
  for (const w of workers) w.postMessage({ type: 'init', ledger } satisfies ToWorker);
  // the main thread takes a chunk whenever the workers have theirs, yielding between chunks to feed them
  const mainShare = (async () => {
    if (!local) return;
    for (let chunk = queue.pop(); chunk; chunk = queue.pop()) {
      holdYoungGeneration();
      accept(local.scan(chunk.map((index) => ({ index, task: tasks[index]! }))));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await local.finish();
  })();
  try {
    await Promise.all([
      mainShare,
      ...workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const feed = () => {
              const chunk = queue.shift();
              if (chunk) {
                inFlight++;
                w.postMessage({ type: 'chunk', items: chunk.map((index) => ({ index, task: tasks[index]! })) } satisfies ToWorker);
              } else if (inFlight === 0) w.postMessage({ type: 'finish' } satisfies ToWorker);
            };
            w.on('message', (m: FromWorker) => {
              if (m.type === 'finished') return resolve();
              inFlight--;
              accept(m.scans);
              feed();
            });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`scan worker exited with code ${code}`))));
            for (let k = 0; k < IN_FLIGHT; k++) feed();
          }),
      ),
    ]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return warnings;
}
