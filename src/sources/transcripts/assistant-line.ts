// Reads one transcript line into request records, by the rules of facts/transcripts.md §3–§8:
// only top-level `type:"assistant"` objects with an object `message.usage` count; `<synthetic>` lines and
// `progress` echoes never do; two objects glued on one line are both read; `null` is treated as absent.
//
// Two readers give the same records: a fast one that walks the bytes and decodes only the fields it keeps,
// and the plain JSON.parse one, used whenever the fast one meets anything it does not expect.
import type { RequestRecord } from '../../ledger/request.ts';
import { MemberCursor, OPEN_BRACE, QUOTE, RepeatedString, isTrue, readNumber, skipSpace } from './json-bytes.ts';
import { parseTimestamp, parseTimestampBytes } from './timestamp.ts';

/** What a line's records inherit from the file they were read from. */
export interface FileContext {
  file: string;
  project: string;
  /** Session id from the path (`<session>/subagents/…`) or the file stem; used when a line has none. */
  pathSession: string;
  /** The file is a sub-agent transcript (`agent-*.jsonl` or under `subagents/`). */
  agentFile: boolean;
  /** Stands in for the timestamp of a line that has none (transcripts.md §8). */
  mtimeMs: number;
}

export type RecordSink = (r: RequestRecord) => void;

const word = (s: string) => Buffer.from(s, 'latin1');
const K = {
  type: word('type'),
  message: word('message'),
  timestamp: word('timestamp'),
  sessionId: word('sessionId'),
  cwd: word('cwd'),
  version: word('version'),
  isSidechain: word('isSidechain'),
  id: word('id'),
  model: word('model'),
  usage: word('usage'),
  content: word('content'),
  input_tokens: word('input_tokens'),
  output_tokens: word('output_tokens'),
  cache_creation_input_tokens: word('cache_creation_input_tokens'),
  cache_read_input_tokens: word('cache_read_input_tokens'),
  cache_creation: word('cache_creation'),
  ephemeral_1h_input_tokens: word('ephemeral_1h_input_tokens'),
  server_tool_use: word('server_tool_use'),
  web_search_requests: word('web_search_requests'),
  web_fetch_requests: word('web_fetch_requests'),
  speed: word('speed'),
  inference_geo: word('inference_geo'),
};
const V_ASSISTANT = word('"assistant"');
const V_FAST = word('"fast"');
const V_US = word('"us"');
const SYNTHETIC = '<synthetic>';

function spanIs(b: Buffer, s: number, e: number, w: Uint8Array): boolean {
  if (e - s !== w.length) return false;
  for (let k = 0; k < w.length; k++) if (b[s + k] !== w[k]) return false;
  return true;
}

export function lineHashKey(line: Buffer | string): string {
  // node:crypto loaded on first use only: id-less lines are rare, and start-up is the statusline's budget
  return 'h:' + process.getBuiltinModule('node:crypto').createHash('sha1').update(line).digest('hex');
}

function newRecord(ctx: FileContext): RequestRecord {
  return {
    key: '',
    ts: ctx.mtimeMs,
    tsKnown: false,
    sessionId: ctx.pathSession,
    project: ctx.project,
    cwd: null,
    model: 'unknown',
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheCreation1hTokens: 0,
    cacheReadTokens: 0,
    webSearchRequests: 0,
    webFetchRequests: 0,
    fast: false,
    geoUs: false,
    agent: ctx.agentFile,
    version: null,
    file: ctx.file,
  };
}

function setTimestamp(r: RequestRecord, ts: unknown): void {
  if (typeof ts !== 'string') return;
  const ms = parseTimestamp(ts);
  if (ms) {
    r.ts = ms;
    r.tsKnown = true;
  }
}

/** Where the kept top-level fields of the current line are. */
class TopSpans {
  tsStart = -1;
  tsEnd = -1;
  sidStart = -1;
  sidEnd = -1;
  cwdStart = -1;
  cwdEnd = -1;
  verStart = -1;
  verEnd = -1;
  sidechain = false;

  reset(): this {
    this.tsStart = this.sidStart = this.cwdStart = this.verStart = -1;
    this.sidechain = false;
    return this;
  }

  /** Records the cursor's current member if it is one of the kept fields. */
  note(c: MemberCursor, b: Buffer): void {
    const vs = c.valueStart, ve = c.valueEnd;
    switch (c.keyEnd - c.keyStart) {
      case 7:
        if (c.keyIs(K.version)) (this.verStart = vs), (this.verEnd = ve);
        break;
      case 9:
        if (c.keyIs(K.timestamp)) (this.tsStart = vs), (this.tsEnd = ve);
        else if (c.keyIs(K.sessionId)) (this.sidStart = vs), (this.sidEnd = ve);
        break;
      case 3:
        if (c.keyIs(K.cwd)) (this.cwdStart = vs), (this.cwdEnd = ve);
        break;
      case 11:
        if (c.keyIs(K.isSidechain)) this.sidechain = isTrue(b, vs, ve);
        break;
    }
  }
}

/** Outcome of the jump path for one line. */
const SKIP = 0; // not a request: nothing to emit
const WALK = 1; // the jump path cannot tell: walk the whole line

/**
 * The fast reader. One instance per thread; its cursors are reused for every line.
 *
 * For most lines it reads only the head and the tail: the top-level members up to `type` or `message`; in
 * the message, the members before `content`; then it jumps over the content (half the bytes of an assistant
 * line) to the last `"usage"` key of the line and checks that the usage object, the rest of the message and the
 * rest of the line form exactly the end of one object. If the line is valid JSON, that `usage` is
 * `message.usage` unless a top-level object written after the message holds one (no real line does): a forward
 * search over the content for an earlier `"usage"` sends such lines (and any with a `"usage"` in the content)
 * to the walk. Glued objects and unusual layouts go to the full walk, which visits every member.
 */
export class AssistantLineReader {
  private readonly top = new MemberCursor();
  private readonly msg = new MemberCursor();
  private readonly usage = new MemberCursor();
  private readonly inner = new MemberCursor();
  private readonly pending: RequestRecord[] = [];
  private readonly spans = new TopSpans();
  private readonly ids = new RepeatedString();
  private readonly models = new RepeatedString();
  private readonly sessions = new RepeatedString();
  private readonly cwds = new RepeatedString();
  private readonly versions = new RepeatedString();

  /** Fills the top-level fields kept from a line: spans are [start, end) of each value, -1 when absent. */
  private fillTop(b: Buffer, r: RequestRecord, ctx: FileContext, f: TopSpans): void {
    if (f.tsStart >= 0 && b[f.tsStart] === QUOTE) {
      const ms = parseTimestampBytes(b, f.tsStart + 1, f.tsEnd - 1);
      if (ms) {
        r.ts = ms;
        r.tsKnown = true;
      }
    }
    if (f.sidStart >= 0) r.sessionId = this.sessions.read(b, f.sidStart, f.sidEnd) || ctx.pathSession;
    if (f.cwdStart >= 0) r.cwd = this.cwds.read(b, f.cwdStart, f.cwdEnd);
    if (f.verStart >= 0) r.version = this.versions.read(b, f.verStart, f.verEnd);
    r.agent ||= f.sidechain;
  }

  /**
   * Reads the line [start, end) of `b` (no newline). Returns false when the line is not valid JSON as far as
   * the walk can tell; nothing has been emitted then, and the caller decides what to do with the line.
   * `mayBeGlued`: the line holds `}{"` (two objects glued, transcripts.md §8), so the jump, which assumes
   * one object per line, must not be used. The scanner finds these with one search per chunk.
   */
  readLine(b: Buffer, start: number, end: number, ctx: FileContext, sink: RecordSink, mayBeGlued = true): boolean {
    const p = skipSpace(b, start, end);
    if (p >= end) return true;
    if (b[p] !== OPEN_BRACE) return false;
    if (mayBeGlued) return this.walkLine(b, p, end, start, ctx, sink);
    const r = this.jump(b, p, end, start, ctx);
    if (r === SKIP) return true;
    if (r !== WALK) {
      sink(r);
      return true;
    }
    return this.walkLine(b, p, end, start, ctx, sink);
  }

  /**
   * For a line too long to hold: true when its first bytes already show a top-level `type` other than
   * "assistant" (a user line with a huge tool result), so the rest can be skipped unread.
   */
  headIsNotAssistant(b: Buffer, start: number, end: number): boolean {
    const p = skipSpace(b, start, end);
    if (b[p] !== OPEN_BRACE) return false;
    const top = this.top.open(b, p, end);
    while (top.nextKey()) {
      if (top.keyEnd - top.keyStart === 4 && top.keyIs(K.type)) return top.skip() && !spanIs(b, top.valueStart, top.valueEnd, V_ASSISTANT);
      if (!top.skip()) return false; // the head ends inside this value
    }
    return false;
  }

  private jump(b: Buffer, i: number, end: number, lineStart: number, ctx: FileContext): RequestRecord | typeof SKIP | typeof WALK {
    const top = this.top.open(b, i, end);
    let assistant = false;
    let r: RequestRecord | null = null;
    const f = this.spans.reset();
    while (top.nextKey()) {
      const ks = top.keyStart, ke = top.keyEnd, vs = top.valueStart;
      if (ke - ks === 7 && b[vs] === OPEN_BRACE && r === null && top.keyIs(K.message)) {
        const m = this.jumpMessage(b, vs, end, ctx);
        if (m === SKIP || m === WALK) return m;
        r = m;
        top.valueEndsAt(this.msg.after);
        continue;
      }
      if (!top.skip()) return WALK;
      if (ke - ks === 4 && top.keyIs(K.type)) {
        if (!spanIs(b, vs, top.valueEnd, V_ASSISTANT)) return SKIP;
        assistant = true;
      } else f.note(top, b);
    }
    if (top.after < 0 || skipSpace(b, top.after, end) !== end) return WALK; // malformed, or glued objects
    // every real line has a top-level `type`; none seen means the jump over the content went past the end of
    // the message (a `"usage"` in a later top-level object, transcripts.md §3): the walk reads it right
    if (!assistant) return WALK;
    if (r === null || r.model === SYNTHETIC) return SKIP;
    if (r.key === '') r.key = lineHashKey(b.subarray(lineStart, end));
    this.fillTop(b, r, ctx, f);
    return r;
  }

  /** The message object at `i`; on success `this.msg.after` is its end. */
  private jumpMessage(b: Buffer, i: number, end: number, ctx: FileContext): RequestRecord | typeof SKIP | typeof WALK {
    const r = newRecord(ctx);
    let hasUsage = false;
    const msg = this.msg.open(b, i, end);
    while (msg.nextKey()) {
      const ks = msg.keyStart, ke = msg.keyEnd, vs = msg.valueStart;
      const len = ke - ks;
      if (len === 7 && !hasUsage && msg.keyIs(K.content)) {
        // jump: the message's usage is the last `"usage"` of the line (checked by what must follow it)
        const u = b.lastIndexOf(USAGE_KEY, end - USAGE_KEY.length);
        if (u < vs) return SKIP; // no usage after the content: not a request
        // a second `"usage"` after the content's start means the last one may sit in a later top-level object
        // (transcripts.md §3): only the walk can tell which is message.usage
        // (a forward search over the content, ~2.4 GB/s here: a backward one would run on past the line's start)
        if (b.indexOf(USAGE_KEY, vs) < u) return WALK;
        // spacing is not relied on (transcripts.md §10): `"usage" : {` is read too
        const colon = skipSpace(b, u + USAGE_KEY.length, end);
        if (b[colon] !== COLON) return WALK;
        const valueAt = skipSpace(b, colon + 1, end);
        if (b[valueAt] !== OPEN_BRACE) return WALK;
        const usageEnd = this.readUsage(b, valueAt, end, r);
        if (usageEnd < 0) return WALK;
        hasUsage = true;
        msg.valueEndsAt(usageEnd);
        continue;
      }
      if (len === 5 && b[vs] === OPEN_BRACE && msg.keyIs(K.usage)) {
        const usageEnd = this.readUsage(b, vs, end, r);
        if (usageEnd < 0) return WALK;
        hasUsage = true;
        msg.valueEndsAt(usageEnd);
        continue;
      }
      if (!msg.skip()) return WALK;
      if (len === 2 && msg.keyIs(K.id)) {
        if (!plainId(b, vs)) return WALK;
        r.key = this.ids.read(b, vs, msg.valueEnd) ?? '';
      } else if (len === 5 && msg.keyIs(K.model)) r.model = this.models.read(b, vs, msg.valueEnd) || 'unknown';
    }
    if (msg.after < 0) return WALK;
    return hasUsage ? r : SKIP;
  }

  /** The full walk: every member of every object on the line (glued objects included). */
  private walkLine(b: Buffer, p: number, end: number, lineStart: number, ctx: FileContext, sink: RecordSink): boolean {
    const pending = this.pending;
    pending.length = 0;
    while (p < end) {
      if (b[p] !== OPEN_BRACE) return false;
      const after = this.walkObject(b, p, end, lineStart, ctx, pending);
      if (after < 0) return false;
      p = skipSpace(b, after, end);
    }
    for (const r of pending) sink(r);
    pending.length = 0;
    return true;
  }

  /** Reads one top-level object at `i` member by member; returns the index past it or -1. */
  private walkObject(b: Buffer, i: number, end: number, lineStart: number, ctx: FileContext, out: RequestRecord[]): number {
    const top = this.top.open(b, i, end);
    let assistant = false;
    let msgStart = -1;
    let msgEnd = -1;
    const f = this.spans.reset();
    while (top.next()) {
      const ks = top.keyStart, ke = top.keyEnd, vs = top.valueStart, ve = top.valueEnd;
      if (ke - ks === 4 && top.keyIs(K.type)) assistant = spanIs(b, vs, ve, V_ASSISTANT);
      else if (ke - ks === 7 && top.keyIs(K.message)) (msgStart = vs), (msgEnd = ve);
      else f.note(top, b);
    }
    const after = top.after;
    if (after < 0 || !assistant || msgStart < 0 || b[msgStart] !== OPEN_BRACE) return after;

    const r = newRecord(ctx);
    let id: string | null = null;
    let hasUsage = false;
    const msg = this.msg.open(b, msgStart, msgEnd);
    while (msg.next()) {
      const ks = msg.keyStart, ke = msg.keyEnd, vs = msg.valueStart, ve = msg.valueEnd;
      if (ke - ks === 2 && msg.keyIs(K.id)) {
        if (!plainId(b, vs)) return -1;
        id = this.ids.read(b, vs, ve);
      } else if (ke - ks === 5) {
        if (msg.keyIs(K.model)) r.model = this.models.read(b, vs, ve) || 'unknown';
        else if (msg.keyIs(K.usage) && b[vs] === OPEN_BRACE) {
          if (this.readUsage(b, vs, ve, r) < 0) return -1;
          hasUsage = true;
        }
      }
    }
    if (msg.after < 0) return -1;
    if (!hasUsage || r.model === SYNTHETIC) return after;

    r.key = id ? id : lineHashKey(b.subarray(lineStart, end));
    this.fillTop(b, r, ctx, f);
    out.push(r);
    return after;
  }

  /** Reads the usage object at `s` into `r`; returns the index past it, or -1. */
  private readUsage(b: Buffer, s: number, e: number, r: RequestRecord): number {
    const u = this.usage.open(b, s, e);
    while (u.next()) {
      const ks = u.keyStart, ke = u.keyEnd, vs = u.valueStart, ve = u.valueEnd;
      switch (ke - ks) {
        case 12:
          if (u.keyIs(K.input_tokens)) r.inputTokens = readNumber(b, vs, ve);
          break;
        case 13:
          if (u.keyIs(K.output_tokens)) r.outputTokens = readNumber(b, vs, ve);
          else if (u.keyIs(K.inference_geo)) r.geoUs = spanIs(b, vs, ve, V_US);
          break;
        case 27:
          if (u.keyIs(K.cache_creation_input_tokens)) r.cacheCreationTokens = readNumber(b, vs, ve);
          break;
        case 23:
          if (u.keyIs(K.cache_read_input_tokens)) r.cacheReadTokens = readNumber(b, vs, ve);
          break;
        case 14:
          if (u.keyIs(K.cache_creation) && b[vs] === OPEN_BRACE) {
            const c = this.inner.open(b, vs, ve);
            while (c.next()) if (c.keyIs(K.ephemeral_1h_input_tokens)) r.cacheCreation1hTokens = readNumber(b, c.valueStart, c.valueEnd);
            if (c.after < 0) return -1;
          }
          break;
        case 15:
          if (u.keyIs(K.server_tool_use) && b[vs] === OPEN_BRACE) {
            const c = this.inner.open(b, vs, ve);
            while (c.next()) {
              if (c.keyIs(K.web_search_requests)) r.webSearchRequests = readNumber(b, c.valueStart, c.valueEnd);
              else if (c.keyIs(K.web_fetch_requests)) r.webFetchRequests = readNumber(b, c.valueStart, c.valueEnd);
            }
            if (c.after < 0) return -1;
          }
          break;
        case 5:
          if (u.keyIs(K.speed)) r.fast = spanIs(b, vs, ve, V_FAST);
          break;
      }
    }
    return u.after;
  }
}

const USAGE_KEY = Buffer.from('"usage"');
const COLON = 0x3a;
const NULL_START = 0x6e;

/**
 * A message.id this reader keys like the plain one: a string, or null (no id). Any other value (a number in
 * an edited file) is still the key (transcripts.md §7.2, `String(id)` in the plain reader): the line goes there.
 */
function plainId(b: Buffer, vs: number): boolean {
  return b[vs] === QUOTE || b[vs] === NULL_START;
}

// ---- the plain reader -------------------------------------------------------------------------------

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' ? (v as Json) : null);

/** The records of one parsed object (the JSON.parse path). `line` is hashed for id-less messages. */
export function recordFromObject(o: unknown, ctx: FileContext, line: string): RequestRecord | null {
  const top = obj(o);
  if (!top || top['type'] !== 'assistant') return null;
  const m = obj(top['message']);
  const u = m && obj(m['usage']);
  if (!m || !u) return null;
  const model = str(m['model']) || 'unknown';
  if (model === SYNTHETIC) return null;
  const r = newRecord(ctx);
  const id = m['id'];
  r.key = id ? String(id) : lineHashKey(line);
  r.model = model;
  setTimestamp(r, top['timestamp']);
  r.sessionId = str(top['sessionId']) || ctx.pathSession;
  r.cwd = str(top['cwd']);
  r.version = str(top['version']);
  r.agent ||= top['isSidechain'] === true;
  r.inputTokens = num(u['input_tokens']);
  r.outputTokens = num(u['output_tokens']);
  r.cacheCreationTokens = num(u['cache_creation_input_tokens']);
  r.cacheReadTokens = num(u['cache_read_input_tokens']);
  r.cacheCreation1hTokens = num(obj(u['cache_creation'])?.['ephemeral_1h_input_tokens']);
  const tools = obj(u['server_tool_use']);
  r.webSearchRequests = num(tools?.['web_search_requests']);
  r.webFetchRequests = num(tools?.['web_fetch_requests']);
  r.fast = u['speed'] === 'fast';
  r.geoUs = u['inference_geo'] === 'us';
  return r;
}

/**
 * The JSON.parse reader: the whole line, or, if it does not parse, its pieces split at `}{"` (two objects
 * glued when a writer appended to a file that lacked a final newline, transcripts.md §8).
 * Returns false when nothing on the line parsed: a corrupt line.
 */
export function readLineSlow(line: string, ctx: FileContext, sink: RecordSink): boolean {
  let objects: unknown[];
  try {
    objects = [JSON.parse(line)];
  } catch {
    objects = [];
    for (const piece of line.split(/(?<=\})(?=\{")/)) {
      try {
        objects.push(JSON.parse(piece));
      } catch {
        // a piece of a broken line: lost, as in every reader
      }
    }
    if (objects.length === 0) return false;
  }
  for (const o of objects) {
    const r = recordFromObject(o, ctx, line);
    if (r) sink(r);
  }
  return true;
}
