// Brings the ledger up to date with the transcripts: discover, plan (only unread bytes), scan, merge, write.
// Writes go in batches, each one transaction holding requests and the offsets of the files it completes:
// killed at any point, the next run resumes from the last committed batch and, since every write is an
// idempotent max/min upsert, ends with the same totals as one clean run.
import { availableParallelism } from 'node:os';
import type { IngestBatch, Ledger } from '../../ledger/ledger.ts';
import { BatchCollector } from './collector.ts';
import { discover, type Discovery, type DiscoveryEnv } from './discover.ts';
import { ingestInParallel, type LocalScanner, type WorkerLedger } from './parallel.ts';
import { planScan, treeStamp, type ScanTask } from './plan.ts';
import { FileScanner } from './scan-file.ts';
import { scanTask } from './scan-task.ts';
import { holdYoungGeneration } from './young-generation.ts';
import { phase } from '../../shared/timing.ts';

export interface IngestOptions {
  env: DiscoveryEnv;
  /** Worker threads; default: one per core when there is enough to read and `parallel` is given. */
  workers?: number;
  /** How workers open their own connection to the ledger; without it, everything runs on the main thread. */
  parallel?: Omit<WorkerLedger, 'batchSize'>;
  /** Records held in memory before a batch is written. */
  batchSize?: number;
  /** Called between batches (e.g. a progress line). */
  onProgress?: (done: { files: number; bytes: number }, total: { files: number; bytes: number }) => void;
}

export interface IngestReport {
  discovery: Pick<Discovery, 'roots' | 'warnings'>;
  filesKnown: number;
  filesRead: number;
  bytesRead: number;
  /** Lines in this run that were not JSON. */
  badLines: number;
  /** Files ending in a line still being written. */
  partialTails: number;
  ms: number;
}

export const DEFAULT_BATCH = 20_000;
/**
 * Smaller batches while workers scan: the main thread feeds the workers only between its own chunks and
 * writes, so a long write starves them (3,000 rows: about 30 ms; 8,000 left the worker idle ~25% of a 1 GB read).
 */
const PARALLEL_BATCH = 3_000;
/**
 * The main thread writes what it scanned sooner still. Rows waiting for a write survive each young-generation
 * collection, and V8 doubles the main thread's young generation (workers' is capped) once enough has
 * survived: with 3,000 rows it reached 2 × 16 MB on a 3 GB history, with 500 it stays at 2 × 8 MB (peak
 * RSS about 10 MB lower at 1, 3 and 6 GB, same time).
 */
const MAIN_BATCH = 500;
/** Below this many bytes to read, a worker thread costs more to start than it saves. */
const PARALLEL_MIN_BYTES = 48 * 1024 * 1024;

/** Worker threads for a large read: the main thread scans too, so one per extra core (at most three). */
export function defaultWorkerCount(): number {
  return Math.min(availableParallelism(), 4) - 1;
}

export async function ingest(ledger: Ledger, options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const found = discover(options.env);
  phase('discover');
  // a tree that stats as it did after the last complete ingest has nothing unread: no file states to load.
  // The stamp is made again to be stored at the end rather than kept: a megabyte of text on a large tree.
  const stored = ledger.scanStamp ? await ledger.scanStamp() : null;
  const unchanged = stored !== null && treeStamp(found.files) === stored;
  const tasks = unchanged ? [] : planScan(found.files, await ledger.fileStates());
  phase('plan');
  /** A file that could not be read leaves the stamp unrecorded: the next run tries it again. */
  let readFailed = false;
  const report: IngestReport = {
    discovery: { roots: found.roots, warnings: found.warnings },
    filesKnown: found.files.length,
    filesRead: tasks.length,
    bytesRead: 0,
    badLines: 0,
    partialTails: 0,
    ms: 0,
  };
  const totalBytes = tasks.reduce((n, t) => n + t.file.size - t.from, 0);
  if (totalBytes >= PARALLEL_MIN_BYTES) holdYoungGeneration(); // listing 10,000 files may have grown it already
  // workers scan while the main thread writes; one core or a small read stays on the main thread
  const workers = !options.parallel ? 0 : options.workers ?? (totalBytes >= PARALLEL_MIN_BYTES ? defaultWorkerCount() : 0);
  const batchSize = options.batchSize ?? (workers > 0 ? PARALLEL_BATCH : DEFAULT_BATCH);
  const progress = { files: 0, bytes: 0 };
  const total = { files: tasks.length, bytes: totalBytes };
  const collector = new BatchCollector();
  const flush = async () => {
    if (!collector.isEmpty) await ledger.applyBatch(collector.drain());
    options.onProgress?.(progress, total);
  };
  const onFileDone = (scan: { bytes: number; badLines: number; partialTail: boolean }) => {
    progress.files++;
    progress.bytes += scan.bytes;
    report.bytesRead += scan.bytes;
    report.badLines += scan.badLines;
    if (scan.partialTail) report.partialTails++;
  };

  if (workers > 0 && options.parallel) {
    const scanner = new FileScanner();
    const tryWrite = (batch: IngestBatch) => ('tryApplyBatch' in ledger && typeof ledger.tryApplyBatch === 'function' ? (ledger.tryApplyBatch(batch) as boolean) : false);
    const local: LocalScanner = {
      scan(items) {
        const scans = items.map(({ index, task }) => {
          const scan = scanTask(scanner, task, collector.add);
          if (scan instanceof Error) return { index, scan: { error: scan.message } };
          collector.addFile(task, scan);
          return { index, scan };
        });
        if (collector.size >= Math.min(batchSize, MAIN_BATCH)) collector.writeIf(tryWrite);
        return scans;
      },
      finish: flush,
    };
    const warnings = await ingestInParallel(
      tasks,
      workers,
      { ...options.parallel, batchSize },
      (_task, scan) => {
        onFileDone(scan);
        options.onProgress?.(progress, total);
      },
      local,
    );
    report.discovery.warnings.push(...warnings);
    if (warnings.length > 0) readFailed = true;
  } else {
    const scanner = new FileScanner();
    for (const task of tasks) {
      const scan = scanTask(scanner, task, collector.add);
      if (scan instanceof Error) {
        report.discovery.warnings.push(scan.message);
        readFailed = true;
      } else {
        collector.addFile(task, scan);
        onFileDone(scan);
      }
      if (collector.size >= batchSize) {
        await flush();
        holdYoungGeneration();
      }
    }
  }
  await flush();
  if (ledger.setScanStamp && !unchanged && !readFailed) await ledger.setScanStamp(treeStamp(found.files));
  phase('scan + write');
  report.ms = performance.now() - started;
  return report;
}

export type { ScanTask };
