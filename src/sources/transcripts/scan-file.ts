// Streams one transcript file from a byte offset and hands every assistant request to a sink.
// Memory is bounded by the read buffer (it grows only to hold the longest single line), whatever the size
// of the file. Only complete lines are consumed: the returned offset stops after the last newline, so a
// line Claude Code is still writing is read again, whole, next time (facts/transcripts.md §8).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { AssistantLineReader, readLineSlow, type FileContext, type RecordSink } from './assistant-line.ts';
import { fnv1a64 } from '../../shared/hash.ts';
import { CLOSE_BRACE, OPEN_BRACE } from './json-bytes.ts';

export interface FileScan {
  /** Byte offset just past the last complete line: where the next read starts. */
  offset: number;
  /** File size seen when reading stopped. */
  size: number;
  /** Lines that are not JSON objects (truncated, split, garbage). Counted, never fatal. */
  badLines: number;
  /** The file ends in a line without its newline that is not (yet) a complete object. */
  partialTail: boolean;
  /** Lines and bytes read. */
  lines: number;
  bytes: number;
  /** Identity of the file's first bytes, up to HEAD_BYTES of what has been consumed (see headHash). */
  headHash: string;
}

/** How much of a file's start identifies it: a replaced file no longer matches. */
export const HEAD_BYTES = 1024;

/** FNV-1a of the first min(HEAD_BYTES, consumed) bytes of an open file, or "" when they cannot be read. */
export function headHash(fd: number, consumed: number): string {
  const n = Math.min(HEAD_BYTES, consumed);
  const head = Buffer.allocUnsafe(n);
  const got = n > 0 ? readSync(fd, head, 0, n, 0) : 0;
  return got === n ? fnv1a64(head) : '';
}

const NEWLINE = 0x0a;
/** Two objects glued on one line (transcripts.md §8); found with one search per chunk, not per line. */
const GLUE = Buffer.from('}{"');
const INITIAL_BUFFER = 1 << 18;

/** One per thread: owns the read buffer and the line reader. */
export class FileScanner {
  /** Small on purpose: a buffer that fits the CPU's L2 cache reads and scans 2.5× faster than 1 MiB (measured). */
  private readonly small = Buffer.allocUnsafe(INITIAL_BUFFER);
  private buf = this.small;
  private readonly reader = new AssistantLineReader();
  /** Force the JSON.parse reader for every candidate line (for tests that compare the two readers). */
  slowOnly = false;

  scan(path: string, from: number, ctx: FileContext, sink: RecordSink): FileScan {
    const fd = openSync(path, 'r');
    try {
      return this.scanFd(fd, from, ctx, sink);
    } finally {
      closeSync(fd);
    }
  }

  private scanFd(fd: number, from: number, ctx: FileContext, sink: RecordSink): FileScan {
    const result: FileScan = { offset: from, size: fstatSync(fd).size, badLines: 0, partialTail: false, lines: 0, bytes: 0, headHash: '' };
    let filePos = from; // file offset of buf[0]
    let carry = 0; // bytes at the start of buf not yet consumed: the start of an incomplete line
    let skipFrom = -1; // file offset of a long line being skipped (its head says it is no request), or -1
    let skipLast = 0; // the last non-blank byte seen of that line
    let skipGlued = false; // `}{"` seen in that line: an assistant object may be glued after the first one
    let holdAt = -1; // file offset of a long line found glued: read again, held whole (transcripts.md §8)
    for (;;) {
      if (carry === this.buf.length) {
        // one line fills the buffer. A tool result can be megabytes: when its head already says it is not
        // an assistant line, skip to its end without holding it; otherwise hold the whole line.
        if (filePos !== holdAt && this.reader.headIsNotAssistant(this.buf, 0, carry)) {
          skipFrom = filePos;
          skipLast = lastNonBlank(this.buf, 0, carry, 0);
          skipGlued = this.buf.subarray(0, carry).indexOf(GLUE) >= 0;
          // keep the last two bytes, so a `}{"` across two reads is still seen
          this.buf.copy(this.buf, 0, carry - 2, carry);
          filePos += carry - 2;
          carry = 2;
        } else this.grow(carry);
      }
      const n = readSync(fd, this.buf, carry, this.buf.length - carry, filePos + carry);
      if (n === 0) break;
      const valid = carry + n;
      result.bytes += n;
      let start = 0;
      if (skipFrom >= 0) {
        const nl = this.buf.indexOf(NEWLINE, 0); // carry is 2 while skipping: the end of the previous read
        const lineEnd = nl < 0 || nl >= valid ? valid : nl;
        skipGlued ||= this.buf.subarray(0, lineEnd).indexOf(GLUE) >= 0;
        if (lineEnd === valid) {
          skipLast = lastNonBlank(this.buf, 0, valid, skipLast);
          this.buf.copy(this.buf, 0, valid - 2, valid);
          filePos += valid - 2;
          carry = 2;
          continue;
        }
        if (skipGlued) {
          // read the line again from its start, held whole, so the glued objects are split and read
          result.bytes -= filePos + valid - skipFrom;
          holdAt = filePos = skipFrom;
          skipFrom = -1;
          carry = 0;
          continue;
        }
        result.lines++;
        if (lastNonBlank(this.buf, 0, nl, skipLast) !== CLOSE_BRACE) result.badLines++;
        skipFrom = -1;
        start = nl + 1;
      }
      const lastNewline = this.buf.lastIndexOf(NEWLINE, valid - 1);
      let consumed = start;
      if (lastNewline >= start) {
        this.readLines(this.buf, start, lastNewline + 1, ctx, sink, result);
        consumed = lastNewline + 1;
      }
      carry = valid - consumed;
      if (this.buf !== this.small && carry <= this.small.length / 2) {
        this.buf.copy(this.small, 0, consumed, valid); // back to the small buffer after a long line
        this.buf = this.small;
      } else if (consumed > 0) this.buf.copy(this.buf, 0, consumed, valid);
      filePos += consumed;
    }
    if (skipFrom >= 0) {
      // the file ends inside a long line: it is still being written and is read again, whole, next time
      result.offset = skipFrom;
      result.partialTail = true;
    } else {
      result.offset = filePos;
      if (carry > 0) this.readTail(this.buf, carry, ctx, sink, result);
    }
    result.size = Math.max(result.size, filePos + carry);
    result.headHash = headHash(fd, result.offset);
    return result;
  }

  private grow(keep: number): void {
    const bigger = Buffer.allocUnsafe(this.buf.length * 2);
    this.buf.copy(bigger, 0, 0, keep);
    this.buf = bigger;
  }

  /** Reads the complete lines in buf[from, end); `end - 1` is a newline. */
  private readLines(buf: Buffer, from: number, end: number, ctx: FileContext, sink: RecordSink, result: FileScan): void {
    const view = buf.subarray(0, end);
    let glue = view.indexOf(GLUE, from);
    let start = from;
    while (start < end) {
      const nl = buf.indexOf(NEWLINE, start);
      result.lines++;
      const glued = glue >= 0 && glue < nl;
      if (glued) glue = view.indexOf(GLUE, nl);
      if (!this.readLine(buf, start, nl, ctx, sink, glued)) result.badLines++;
      start = nl + 1;
    }
  }

  /** False for a corrupt line (counted, never fatal). */
  private readLine(buf: Buffer, start: number, end: number, ctx: FileContext, sink: RecordSink, glued: boolean): boolean {
    let e = end;
    while (e > start && (buf[e - 1] === 0x0d || buf[e - 1] === 0x20 || buf[e - 1] === 0x09)) e--;
    if (e === start) return true; // empty line
    // a line that does not end an object is truncated or split: only the plain reader can say what is left
    if (!this.slowOnly && buf[e - 1] === CLOSE_BRACE && this.reader.readLine(buf, start, end, ctx, sink, glued)) return true;
    return readLineSlow(buf.toString('utf8', start, end), ctx, sink);
  }

  /**
   * The bytes after the last newline. If they already form complete objects they are read (upserts are
   * idempotent, so reading them again later is harmless) but not consumed; otherwise the line is still
   * being written and waits for the next run.
   */
  private readTail(buf: Buffer, end: number, ctx: FileContext, sink: RecordSink, result: FileScan): void {
    let e = end;
    while (e > 0 && (buf[e - 1] === 0x20 || buf[e - 1] === 0x0d || buf[e - 1] === 0x09)) e--;
    if (e === 0) return;
    const complete = buf[0] === OPEN_BRACE && buf[e - 1] === CLOSE_BRACE && this.tryTail(buf, e, ctx, sink);
    if (!complete) result.partialTail = true;
  }

  private tryTail(buf: Buffer, end: number, ctx: FileContext, sink: RecordSink): boolean {
    const records: Parameters<RecordSink>[0][] = [];
    const collect: RecordSink = (r) => records.push(r);
    const text = buf.toString('utf8', 0, end);
    let ok: boolean;
    try {
      if (!isComplete(text)) return false;
      ok = this.slowOnly ? readLineSlow(text, ctx, collect) : this.reader.readLine(buf, 0, end, ctx, collect, true) || readLineSlow(text, ctx, collect);
    } catch {
      ok = false;
    }
    if (ok) for (const r of records) sink(r);
    return ok;
  }
}


/**
 * The tail counts only when it is complete: one object, or objects glued at `}{"` that all parse (a copy of a
 * file can end with a glued line, transcripts.md §8). A piece still being written waits for the next run.
 */
function isComplete(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    // perhaps glued objects
  }
  try {
    for (const piece of text.split(/(?<=\})(?=\{")/)) JSON.parse(piece);
    return true;
  } catch {
    return false;
  }
}

/** The last byte of buf[s, e) that is not blank, or `fallback` when there is none. */
function lastNonBlank(buf: Buffer, s: number, e: number, fallback: number): number {
  for (let k = e - 1; k >= s; k--) {
    const c = buf[k]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return c;
  }
  return fallback;
}
