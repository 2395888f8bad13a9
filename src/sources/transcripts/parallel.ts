// Scanning on worker threads. The main thread scans too; workers take files in chunks from a shared queue
// (two chunks in flight each, so none waits), dedup their chunk in memory and send back its records and
// file results. Records merge with max/min, so the order results arrive in does not matter.
import { Worker } from 'node:worker_threads';
import type { RequestRecord } from '../../ledger/request.ts';
import type { BatchCollector } from './collector.ts';
import type { ScanTask } from './plan.ts';
import { FileScanner, type FileScan } from './scan-file.ts';
import { scanTask } from './scan-task.ts';

export interface ChunkResult {
  records: RequestRecord[];
  scans: { index: number; scan: FileScan | { error: string } }[];
}

/** Files per chunk: about this many bytes. */
const CHUNK_BYTES = 8 * 1024 * 1024;

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

export async function scanInParallel(
  tasks: readonly ScanTask[],
  workerCount: number,
  collector: BatchCollector,
  onFileDone: (scan: FileScan) => void,
  afterChunk: () => Promise<void>,
): Promise<string[]> {
  const queue = chunks(tasks);
  const warnings: string[] = [];
  const accept = (result: ChunkResult) => {
    for (const r of result.records) collector.add(r);
    for (const { index, scan } of result.scans) {
      if ('error' in scan) warnings.push(scan.error);
      else {
        collector.addFile(tasks[index]!, scan);
        onFileDone(scan);
      }
    }
  };

  let inFlight = 0;
  let wake: (() => void) | null = null;
  const workers: Worker[] = [];
  const feed = (w: Worker) => {
    const chunk = queue.shift();
    if (!chunk) return;
    inFlight++;
    w.postMessage(chunk.map((i) => ({ index: i, task: tasks[i] })));
  };
  let failure: Error | null = null;
  for (let k = 0; k < workerCount; k++) {
    const w = new Worker(workerUrl());
    w.on('message', (result: ChunkResult) => {
      inFlight--;
      accept(result);
      feed(w);
      wake?.();
    });
    w.on('error', (e) => {
      failure = e;
      wake?.();
    });
    workers.push(w);
    feed(w);
    feed(w);
  }

  try {
    const scanner = new FileScanner();
    // the main thread takes chunks too, yielding between them so worker results are merged as they come
    for (let chunk = queue.pop(); chunk; chunk = queue.pop()) {
      for (const i of chunk) {
        const scan = scanTask(scanner, tasks[i]!, collector.add);
        if (scan instanceof Error) warnings.push(scan.message);
        else {
          collector.addFile(tasks[i]!, scan);
          onFileDone(scan);
        }
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (failure) throw failure;
      await afterChunk();
    }
    while (inFlight > 0) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (failure) throw failure;
      await afterChunk();
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return warnings;
}
