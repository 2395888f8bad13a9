// One file's scan, as both the main thread and the workers run it.
import type { FileContext, RecordSink } from './assistant-line.ts';
import type { TranscriptFile } from './discover.ts';
import type { ScanTask } from './plan.ts';
import type { FileScan, FileScanner } from './scan-file.ts';

export function fileContext(f: TranscriptFile): FileContext {
  return { file: f.path, project: f.project, pathSession: f.pathSession, agentFile: f.agentFile, mtimeMs: f.mtimeMs };
}

/** Scans one task. A file that vanished or cannot be read since discovery is skipped: an Error says why. */
export function scanTask(scanner: FileScanner, task: ScanTask, sink: RecordSink): FileScan | Error {
  try {
    return scanner.scan(task.file.path, task.from, fileContext(task.file), sink);
  } catch (e) {
    return new Error(`cannot read ${task.file.path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}; skipped`);
  }
}
