// Byte-level walking of JSON text held in a Buffer, without building objects.
// The scanner uses it to read the few fields it needs from an assistant line (a 2 KB line typically holds
// a 1 KB message body it never looks at). Strings are skipped with native byte search once they are long,
// so the cost follows the number of JSON tokens, not the number of bytes (facts/performance.md).
// Every function returns -1 on malformed input; the caller then falls back to JSON.parse.

export const QUOTE = 0x22;
const BACKSLASH = 0x5c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Short strings are scanned in JS; past this many bytes, native search is cheaper than the loop. */
const INLINE_STRING_SCAN = 48;

export function skipSpace(b: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) return i;
    i++;
  }
  return i;
}

/** `i` is at an opening quote; returns the index just past the closing quote. */
export function skipString(b: Buffer, i: number, end: number): number {
  let j = i + 1;
  const inlineEnd = Math.min(end, j + INLINE_STRING_SCAN);
  for (; j < inlineEnd; j++) {
    const c = b[j];
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH) j++;
  }
  for (;;) {
    if (j >= end) return -1;
    const q = b.indexOf(QUOTE, j);
    if (q < 0 || q >= end) return -1;
    let k = q - 1;
    while (k >= j && b[k] === BACKSLASH) k--;
    if (((q - 1 - k) & 1) === 0) return q + 1;
    j = q + 1;
  }
}

/** `i` is at `{` or `[`; returns the index just past the matching close. */
function skipNested(b: Buffer, i: number, end: number): number {
  let depth = 0;
  let j = i;
  while (j < end) {
    const c = b[j]!;
    if (c === QUOTE) {
      j = skipString(b, j, end);
      if (j < 0) return -1;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) return j + 1;
    }
    j++;
  }
  return -1;
}

/** `i` is at the first byte of a value; returns the index just past it. */
export function skipValue(b: Buffer, i: number, end: number): number {
  const c = b[i];
  if (c === QUOTE) return skipString(b, i, end);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return skipNested(b, i, end);
  let j = i;
  while (j < end) {
    const d = b[j]!;
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === 0x20 || d === 0x0d || d === 0x0a || d === 0x09) break;
    j++;
  }
  return j === i ? -1 : j;
}

/**
 * Walks the members of one object. `open(b, i, end)` with `i` at `{`, then `next()` until it returns false;
 * after each true, `keyStart..keyEnd` are the key's bytes (no quotes) and `valueStart..valueEnd` the value's
 * span. `nextKey()` stops before the value instead, so the caller can read or jump over it itself and then
 * say where it ended (`valueEndsAt`). When they return false, `after` is the index just past the closing
 * brace, or -1 if the object was malformed. One cursor per nesting level, reused for every line.
 */
export class MemberCursor {
  keyStart = 0;
  keyEnd = 0;
  valueStart = 0;
  valueEnd = 0;
  after = -1;
  private b: Buffer = Buffer.alloc(0);
  private end = 0;
  private p = 0;
  private first = true;

  open(b: Buffer, i: number, end: number): this {
    this.b = b;
    this.end = end;
    this.p = skipSpace(b, i + 1, end);
    this.first = true;
    this.after = -1;
    return this;
  }

  next(): boolean {
    return this.nextKey() && this.skip();
  }

  /** Reads up to the start of the next member's value. */
  nextKey(): boolean {
    const { b, end } = this;
    let p = this.p;
    if (this.first) {
      this.first = false;
      if (b[p] === CLOSE_BRACE) return this.finish(p + 1);
    } else {
      p = skipSpace(b, p, end);
      const c = b[p];
      if (c === CLOSE_BRACE) return this.finish(p + 1);
      if (c !== COMMA) return this.finish(-1);
      p = skipSpace(b, p + 1, end);
    }
    if (b[p] !== QUOTE) return this.finish(-1);
    const keyEnd = skipString(b, p, end);
    if (keyEnd < 0) return this.finish(-1);
    this.keyStart = p + 1;
    this.keyEnd = keyEnd - 1;
    p = skipSpace(b, keyEnd, end);
    if (b[p] !== COLON) return this.finish(-1);
    this.valueStart = skipSpace(b, p + 1, end);
    return true;
  }

  /** Skips the current member's value. */
  skip(): boolean {
    const valueEnd = skipValue(this.b, this.valueStart, this.end);
    if (valueEnd < 0) return this.finish(-1);
    this.valueEnd = valueEnd;
    this.p = valueEnd;
    return true;
  }

  /** The caller consumed the current value up to `i`; walking goes on from there. */
  valueEndsAt(i: number): void {
    this.valueEnd = i;
    this.p = i;
  }

  /** The current key spells `word`. */
  keyIs(word: Uint8Array): boolean {
    return bytesEqual(this.b, this.keyStart, this.keyEnd, word);
  }

  private finish(after: number): false {
    this.after = after;
    return false;
  }
}

/** True when bytes [s, e) spell `word` (ASCII). */
export function bytesEqual(b: Buffer, s: number, e: number, word: Uint8Array): boolean {
  if (e - s !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (b[s + k] !== word[k]) return false;
  return true;
}

/** A JSON number value at [s, e) as a number; anything else (null, a string, true) is 0, as in refcount. */
export function readNumber(b: Buffer, s: number, e: number): number {
  let v = 0;
  for (let k = s; k < e; k++) {
    const d = b[k]! - 0x30;
    if (d < 0 || d > 9) return readNumberSlow(b, s, e);
    v = v * 10 + d;
  }
  return e > s ? v : 0;
}

function readNumberSlow(b: Buffer, s: number, e: number): number {
  const c = b[s]!;
  if (c !== 0x2d && (c < 0x30 || c > 0x39)) return 0; // null, true, a string: not a number
  const v = Number(b.toString('latin1', s, e));
  return Number.isFinite(v) ? v : 0;
}

/** A JSON string value at [s, e) (quotes included) decoded; null when the value is not a string. */
export function readString(b: Buffer, s: number, e: number): string | null {
  if (b[s] !== QUOTE) return null;
  for (let k = s + 1; k < e - 1; k++) {
    if (b[k] === BACKSLASH) return JSON.parse(b.toString('utf8', s, e)) as string;
  }
  return b.toString('utf8', s + 1, e - 1);
}

/** True when the value at [s, e) is the literal `true`. */
export function isTrue(b: Buffer, s: number, e: number): boolean {
  return e - s === 4 && b[s] === 0x74 && b[s + 1] === 0x72 && b[s + 2] === 0x75 && b[s + 3] === 0x65;
}

/**
 * Decodes one field's string values, reusing the last result when the bytes repeat: sessionId, cwd, version
 * and model are the same on every line of a file, and a message id on every line of its streamed group.
 */
export class RepeatedString {
  private readonly last = Buffer.alloc(512);
  private lastLength = -1;
  private lastValue: string | null = null;

  read(b: Buffer, s: number, e: number): string | null {
    const n = e - s;
    if (n === this.lastLength) {
      const last = this.last;
      let k = 0;
      while (k < n && b[s + k] === last[k]) k++;
      if (k === n) return this.lastValue;
    }
    const value = readString(b, s, e);
    if (n <= this.last.length) {
      b.copy(this.last, 0, s, e);
      this.lastLength = n;
      this.lastValue = value;
    }
    return value;
  }
}
