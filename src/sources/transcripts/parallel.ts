// Parallel ingest: worker threads scan chunks of files AND write them to the ledger through their own
// SQLite connections, so scanning and writing overlap with no records crossing threads. A worker holding
// records tries the write lock without waiting; if another worker is writing, it scans on and tries again
// after its next chunk. Each transaction holds a chunk's requests with the offsets of the files they came
// from, so a crash at any point resumes cleanly. The main thread only hands out chunks.
import type { Worker } from 'node:worker_threads';
import type { PriceTable } from '../../pricing/price-table.ts';
import type { ScanTask } from './plan.ts';
import type { FileScan } from './scan-file.ts';

/** What a worker needs to open its own connection to the ledger. */
export interface WorkerLedger {
  ledgerFile: string;
  priceTable: PriceTable;
  batchSize: number;
}

export type ToWorker = { type: 'chunk'; items: { index: number; task: ScanTask }[] } | { type: 'finish' };
export type FromWorker = { type: 'chunk-done'; scans: { index: number; scan: FileScan | { error: string } }[] } | { type: 'finished' };

/** Files per chunk: about this many bytes. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Chunks queued per worker, so none waits for the next one. */
const IN_FLIGHT = 2;

function workerUrl(): URL {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./scan-worker${ext}`, import.meta.url);
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
  // loaded here, not at start-up: most runs read a few new bytes on the main thread
  const { Worker: WorkerThread } = process.getBuiltinModule('node:worker_threads');
  const workers: Worker[] = Array.from({ length: workerCount }, () => new WorkerThread(workerUrl(), { workerData: ledger, resourceLimits: { maxYoungGenerationSizeMb: 8 } }));
  // the main thread takes a chunk whenever the workers have theirs, yielding between chunks to feed them
  const mainShare = (async () => {
    if (!local) return;
    for (let chunk = queue.pop(); chunk; chunk = queue.pop()) {
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
