// Deduplicates records in memory before they reach the ledger, and tracks what each scanned file became.
import type { FileState } from '../../ledger/ledger.ts';
import { mergeRequest, type RequestRecord } from '../../ledger/request.ts';
import type { ScanTask } from './plan.ts';
import type { FileScan } from './scan-file.ts';

export class BatchCollector {
  private records = new Map<string, RequestRecord>();
  private files: FileState[] = [];

  readonly add = (r: RequestRecord): void => {
    const have = this.records.get(r.key);
    if (have) mergeRequest(have, r);
    else this.records.set(r.key, r);
  };

  addFile(task: ScanTask, scan: FileScan): void {
    this.files.push(fileState(task, scan));
  }

  get size(): number {
    return this.records.size;
  }

  get isEmpty(): boolean {
    return this.records.size === 0 && this.files.length === 0;
  }

  /** Hands the batch to `write`; keeps it for later when `write` returns false (the ledger was busy). */
  writeIf(write: (batch: { requests: RequestRecord[]; files: FileState[] }) => boolean): boolean {
    const batch = { requests: [...this.records.values()], files: this.files };
    if (!write(batch)) return false;
    this.records = new Map();
    this.files = [];
    return true;
  }

  drain(): { requests: RequestRecord[]; files: FileState[] } {
    const out = { requests: [...this.records.values()], files: this.files };
    this.records = new Map();
    this.files = [];
    return out;
  }
}

export function fileState(task: ScanTask, scan: FileScan): FileState {
  const f = task.file;
  return {
    path: f.path,
    dev: f.dev,
    ino: f.ino,
    // the size and time seen at discovery: if the file grew while being read, the next run sees a change
    size: f.size,
    mtimeMs: f.mtimeMs,
    offset: scan.offset,
    headHash: scan.headHash,
    badLines: task.badLinesBefore + scan.badLines,
    partialTail: scan.partialTail,
  };
}
