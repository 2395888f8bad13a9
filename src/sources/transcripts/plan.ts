// Which files to read, and from where. Transcripts are append-only, so a file known to the ledger is read
// from its stored offset; one that shrank, changed identity or no longer starts with the same bytes was
// replaced and is read again from the start (upserts are idempotent: nothing is counted twice).
import { closeSync, openSync, readSync } from 'node:fs';
import type { FileState } from '../../ledger/ledger.ts';
import { VERSION } from '../../shared/version.ts';
import type { TranscriptFile } from './discover.ts';
import { headHash } from './scan-file.ts';

export interface ScanTask {
  file: TranscriptFile;
  /** Byte offset to start reading at. */
  from: number;
  /** Bad lines already counted before `from`. */
  badLinesBefore: number;
}

/** Why a known file is read from the start again; exported for tests. */
export type Restart = 'new' | 'replaced' | 'shrank' | 'rewritten';

function readByte(fd: number, at: number): number {
  const one = Buffer.allocUnsafe(1);
  return readSync(fd, one, 0, 1, at) === 1 ? one[0]! : -1;
}

/** Same file, same start, and the stored offset still sits just after a newline. */
function stillAppendOnly(file: TranscriptFile, state: FileState): boolean {
  let fd: number;
  try {
    fd = openSync(file.path, 'r');
  } catch {
    return false;
  }
  try {
    if (state.offset > 0 && readByte(fd, state.offset - 1) !== 0x0a) return false;
    return headHash(fd, state.offset) === state.headHash;
  } finally {
    closeSync(fd);
  }
}

export function planFile(file: TranscriptFile, state: FileState | undefined): ScanTask | Restart | null {
  if (!state) return 'new';
  if (state.ino !== file.ino || state.dev !== file.dev) return 'replaced';
  if (file.size < state.offset) return 'shrank';
  if (file.size === state.size && file.mtimeMs === state.mtimeMs) return null;
  if (!stillAppendOnly(file, state)) return 'rewritten';
  return { file, from: state.offset, badLinesBefore: state.badLines };
}

/** Tasks for every file with unread bytes. */
export function planScan(files: readonly TranscriptFile[], states: ReadonlyMap<string, FileState>): ScanTask[] {
  const tasks: ScanTask[] = [];
  for (const file of files) {
    const p = planFile(file, states.get(file.path));
    if (p === null) continue;
    tasks.push(typeof p === 'string' ? { file, from: 0, badLinesBefore: 0 } : p);
  }
  return tasks;
}

/**
 * The tree as discovered: every file's path, size, mtime and identity (in discovery's path order), and the
 * ccmeter version that reads them. Equal to the stamp of an ingest that read everything it planned, the
 * tree has nothing unread: `planFile` would return null for every file, since the file states that ingest
 * left are these very stats. Kept as text, not hashed: a one-shot command runs a per-character hash loop in
 * the interpreter (several ms for thousands of files) and node:crypto costs more to load than the whole
 * check, while comparing two strings is one native call. The paths are text; the numbers are the bytes of
 * their doubles, in base64: writing 13,000 numbers as decimal text took 3 of a warm report's 90 ms.
 */
export function treeStamp(files: readonly TranscriptFile[]): string {
  const paths = new Array<string>(files.length);
  const stats = new Float64Array(files.length * 4);
  for (let i = 0, j = 0; i < files.length; i++) {
    const f = files[i]!;
    paths[i] = f.path;
    stats[j++] = f.size;
    stats[j++] = f.mtimeMs;
    stats[j++] = f.ino;
    stats[j++] = f.dev;
  }
  return `ccmeter ${VERSION}\n${paths.join('\n')}\n${Buffer.from(stats.buffer).toString('base64')}`;
}
