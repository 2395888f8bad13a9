// Worker thread body: scans the chunks of files it is sent and replies with their deduplicated records.
import { parentPort } from 'node:worker_threads';
import type { RequestRecord } from '../../ledger/request.ts';
import { BatchCollector } from './collector.ts';
import { scanTask } from './scan-task.ts';
import type { ChunkResult } from './parallel.ts';
import type { ScanTask } from './plan.ts';
import { FileScanner } from './scan-file.ts';

const scanner = new FileScanner();

parentPort?.on('message', (chunk: { index: number; task: ScanTask }[]) => {
  const collector = new BatchCollector();
  const scans: ChunkResult['scans'] = [];
  for (const { index, task } of chunk) {
    const scan = scanTask(scanner, task, collector.add);
    scans.push({ index, scan: scan instanceof Error ? { error: scan.message } : scan });
  }
  const records: RequestRecord[] = collector.drain().requests;
  parentPort?.postMessage({ records, scans } satisfies ChunkResult);
});
