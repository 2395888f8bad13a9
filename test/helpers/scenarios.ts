// One fixture per scenario of facts/transcripts.md (§6–§8, §11), shared by the scenario tests, the test that
// compares the two line readers and the test against the reference counter. Each builder returns the files
// of one or more Claude config roots (paths relative to `projects/`); the tests state the numbers they expect.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { SqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import type { Usage } from '../../src/model/usage.ts';
import type { DiscoveryEnv } from '../../src/sources/transcripts/discover.ts';
import type { IngestReport } from '../../src/sources/transcripts/ingest.ts';
import { ingestEnv, newLedger, totals } from './ledger.ts';
import { agentProgress, assistant, CWD, respace, SESSION, summary, synthetic, tempDir, user, writeProjects } from './fixtures.ts';

export type Files = Record<string, string[] | { raw: string }>;

export const ORIGINAL = 'bbbbbbbb-0000-4000-8000-000000000001';
/** Sorts before ORIGINAL, so the resumed copy is read first. */
export const RESUMED = 'aaaaaaaa-0000-4000-8000-000000000002';
export const PARENT_20 = '20202020-0000-4000-8000-000000000020';
export const PARENT_21 = '21212121-0000-4000-8000-000000000021';

const thinking = (signature: string) => [{ type: 'thinking', thinking: 'Let me look.', signature }];
const toolUse = (input: unknown) => [{ type: 'tool_use', id: 'toolu_01XYZ', name: 'Edit', input }];

const nonAssistant = {
  taskResult: JSON.stringify({
    parentUuid: null, isSidechain: false, userType: 'external', cwd: CWD, sessionId: SESSION, version: '2.1.19', gitBranch: 'main',
    message: { role: 'user', content: [{ tool_use_id: 'toolu_01TASK', type: 'tool_result', content: [{ type: 'text', text: 'done' }] }] },
    type: 'user', uuid: crypto.randomUUID(), timestamp: '2026-01-15T10:01:00.000Z',
    toolUseResult: { status: 'completed', agentId: 'a1b2c3d', totalTokens: 5007, usage: { input_tokens: 7, cache_creation_input_tokens: 300, cache_read_input_tokens: 4000, output_tokens: 700, service_tier: 'standard' } },
  }),
  snapshot: JSON.stringify({ type: 'file-history-snapshot', messageId: crypto.randomUUID(), snapshot: { messageId: 'm', trackedFileBackups: {}, timestamp: '2026-01-15T10:00:00.000Z' }, isSnapshotUpdate: false }),
  apiError: JSON.stringify({ parentUuid: null, isSidechain: false, type: 'system', subtype: 'api_error', level: 'error', error: { status: 529 }, retryInMs: 500, retryAttempt: 1, maxRetries: 10, uuid: crypto.randomUUID(), timestamp: '2026-01-15T10:00:00.000Z', sessionId: SESSION }),
  queue: JSON.stringify({ type: 'queue-operation', operation: 'enqueue', content: 'next', timestamp: '2026-01-15T10:00:00.000Z', sessionId: SESSION }),
};

const idless = assistant({ id: null, requestId: null, usage: { input_tokens: 4, output_tokens: 40, cache_read_input_tokens: 400 } });
const numericId = (uuidSeed: string) => assistant({ id: 12345, requestId: null, usage: { input_tokens: 6, output_tokens: 60 }, extra: { seed: uuidSeed } });
const splitMe = assistant({ id: 'msg_split', content: thinking('EqQBCkYIBxgCKkB' + 'Q'.repeat(300)), usage: { output_tokens: 999 } });
const cutMe = assistant({ id: 'msg_cut', usage: { output_tokens: 777 } });
const bigToolResult = user('x'.repeat(400_000), '2026-01-15T10:00:30.000Z');
/** A user line of exactly `n` bytes. */
const userOfLength = (n: number) => user('x'.repeat(n - user('').length), '2026-01-15T10:00:30.000Z');

export const scenarios = {
  // ---- merge within a group (§7.3) ----
  /** msg_stream on three lines, output 2 → 7 → 350; input 10, cache reads 5,000 on each. */
  streamingGrowth: (): Files => ({
    'proj/s.jsonl': [
      user(),
      assistant({ id: 'msg_stream', usage: { input_tokens: 10, output_tokens: 2, cache_read_input_tokens: 5000 } }),
      assistant({ id: 'msg_stream', usage: { input_tokens: 10, output_tokens: 7, cache_read_input_tokens: 5000 } }),
      assistant({ id: 'msg_stream', usage: { input_tokens: 10, output_tokens: 350, cache_read_input_tokens: 5000 } }),
    ],
  }),
  /** msg_web on three 2.1.x lines; only the last has server_tool_use (3 searches, 2 fetches) and output 500. */
  serverToolOnLastLine: (): Files => ({
    'proj/s.jsonl': [
      assistant({ id: 'msg_web', version: '2.1.70', usage: { output_tokens: 40, inference_geo: 'not_available' } }),
      assistant({ id: 'msg_web', version: '2.1.70', usage: { output_tokens: 40, inference_geo: 'not_available' } }),
      assistant({ id: 'msg_web', version: '2.1.70', usage: { output_tokens: 500, server_tool_use: { web_search_requests: 3, web_fetch_requests: 2 }, inference_geo: '', iterations: [] } }),
    ],
  }),
  /** A gateway group (no requestId): zeros first and last, input 1,200 + reads 9,000 on line 2, output 300 + writes 4,000 on line 3. */
  gatewayZerosEarly: (): Files => {
    const zero = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const line = (u: object) => assistant({ id: 'rqsty-cmpl-7f3a', requestId: null, version: '2.0.71', usage: { ...zero, ...u } });
    return { 'proj/s.jsonl': [line({}), line({ input_tokens: 1200, cache_read_input_tokens: 9000 }), line({ output_tokens: 300, cache_creation_input_tokens: 4000 }), line({})] };
  },
  /** msg_split1h writes 4,000 (1,000 5m + 3,000 1h); msg_nosplit (1.0.51, before the split existed) writes 2,000. */
  cacheCreationSplit: (): Files => ({
    'proj/s.jsonl': [
      assistant({ id: 'msg_split1h', usage: { cache_creation_input_tokens: 4000, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 3000 } } }),
      assistant({ id: 'msg_nosplit', version: '1.0.51', usage: { cache_creation_input_tokens: 2000 } }),
    ],
  }),
  /** Opus 4.8: msg_fast says "fast" on its last line only; msg_std is standard. Both: input 1,000, output 2,000, reads 10,000. */
  fastLine: (): Files => {
    const u = { input_tokens: 1000, cache_read_input_tokens: 10000 };
    return {
      'proj/s.jsonl': [
        assistant({ id: 'msg_fast', model: 'claude-opus-4-8', version: '2.1.180', usage: { ...u, output_tokens: 5, speed: 'standard' } }),
        assistant({ id: 'msg_fast', model: 'claude-opus-4-8', version: '2.1.180', usage: { ...u, output_tokens: 2000, speed: 'fast' } }),
        assistant({ id: 'msg_std', model: 'claude-opus-4-8', version: '2.1.180', usage: { ...u, output_tokens: 2000, speed: 'standard' } }),
      ],
    };
  },
  /** `null` where numbers and strings are expected (speed, cache reads and writes, top-level costUSD). */
  nullFields: (): Files => ({
    'proj/s.jsonl': [assistant({ id: 'msg_nulls', usage: { input_tokens: 10, output_tokens: 20, speed: null, cache_read_input_tokens: null, cache_creation_input_tokens: null }, extra: { costUSD: null } })],
  }),
  /** `usage.iterations` repeats the top-level numbers (2.1.98+): never added. */
  iterationsIgnored: (): Files => ({
    'proj/s.jsonl': [
      assistant({ id: 'msg_iter', version: '2.1.100', usage: { input_tokens: 10, output_tokens: 300, cache_read_input_tokens: 5000, iterations: [{ input_tokens: 10, output_tokens: 300, cache_read_input_tokens: 5000, cache_creation_input_tokens: 0, type: 'message' }] } }),
    ],
  }),

  // ---- which lines count (§3, §4, §7.1–7.2) ----
  /** msg_parent (output 50) and two progress/agent_progress echoes of sub-agent messages found nowhere else. */
  progressEcho: (): Files => ({
    'proj/s.jsonl': [
      user(),
      assistant({ id: 'msg_parent', version: '2.1.19', usage: { output_tokens: 50 } }),
      agentProgress({ id: 'msg_echo1', usage: { input_tokens: 3, cache_creation_input_tokens: 57067, output_tokens: 8 } }),
      agentProgress({ id: 'msg_echo2', usage: { input_tokens: 3, cache_read_input_tokens: 57067, output_tokens: 90 }, dataFirst: true }),
    ],
  }),
  /** msg_real and a `<synthetic>` API-error line. */
  syntheticLine: (): Files => ({ 'proj/s.jsonl': [assistant({ id: 'msg_real' }), synthetic()] }),
  /** A complete message on one line with no requestId (non-streaming fallback): 3 blocks, input 5, output 812, writes 300, reads 12,000. */
  noRequestIdOneLine: (): Files => ({
    'proj/s.jsonl': [
      assistant({
        id: 'msg_fallback', requestId: null, version: '1.0.69', stopReason: 'tool_use',
        content: [...thinking('EqQB'), { type: 'text', text: 'Reading it.' }, ...toolUse({ file_path: '/tmp/x' })],
        usage: { input_tokens: 5, output_tokens: 812, cache_creation_input_tokens: 300, cache_read_input_tokens: 12000 },
      }),
    ],
  }),
  /** msg_btw replayed as a sidechain with a new requestId (one response); req_R behind msg_cutoff and msg_retry (two). */
  requestIdNotTheKey: (): Files => ({
    'proj/s.jsonl': [
      assistant({ id: 'msg_btw', requestId: 'req_A', usage: { output_tokens: 100, cache_read_input_tokens: 8000 } }),
      assistant({ id: 'msg_btw', requestId: 'req_B', isSidechain: true, usage: { output_tokens: 100, cache_read_input_tokens: 8000 } }),
      assistant({ id: 'msg_cutoff', requestId: 'req_R', usage: { output_tokens: 3 } }),
      assistant({ id: 'msg_retry', requestId: 'req_R', usage: { output_tokens: 400 } }),
    ],
  }),
  /** A tool input holding `{"id":null}` and other nulls ccusage matches textually. */
  idNullInToolInput: (): Files => ({
    'proj/s.jsonl': [assistant({ id: 'msg_idnull', content: toolUse({ id: null, cwd: null, model: null, speed: null, sessionId: null, requestId: null }), usage: { output_tokens: 33 } })],
  }),
  /** Tool inputs mentioning `"usage":{…}` with 99,999s; the real usage after (msg_tool_a) or before (msg_tool_b) the content. */
  usageInToolInput: (): Files => {
    const decoy = toolUse({ usage: { input_tokens: 99999, output_tokens: 99999, cache_read_input_tokens: 99999 }, note: 'edit "usage":{}' });
    return {
      'proj/s.jsonl': [
        assistant({ id: 'msg_tool_a', content: decoy, usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 300 } }),
        assistant({ id: 'msg_tool_b', content: decoy, usageFirst: true, usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 300 } }),
        assistant({ id: 'msg_tool_c', content: decoy, layout: 'type-first', usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 300 } }),
      ],
    };
  },
  /** A top-level object after `message` (2.1.x key order) holding a `usage` member: only message.usage counts (§3). */
  topLevelUsageDecoy: (): Files => ({
    'proj/s.jsonl': [assistant({ id: 'msg_decoy', usage: { input_tokens: 10, output_tokens: 20 }, extra: { meta: { usage: { input_tokens: 99999, output_tokens: 99999 } } } })],
  }),
  /** msg_usage_first: usage written before content; 1h writes 4,000. */
  usageBeforeContent: (): Files => ({
    'proj/s.jsonl': [assistant({ id: 'msg_usage_first', usageFirst: true, usage: { output_tokens: 70, cache_creation_input_tokens: 4000, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 4000 } } })],
  }),
  /** msg_v21 in the 2.1.x key order (message before type), msg_v10 in the older one (type first). */
  bothLayouts: (): Files => ({
    'proj/s.jsonl': [
      assistant({ id: 'msg_v21', version: '2.1.90', layout: 'message-first', usage: { input_tokens: 1, output_tokens: 111 } }),
      assistant({ id: 'msg_v10', version: '1.0.30', layout: 'type-first', usage: { input_tokens: 2, output_tokens: 222 } }),
    ],
  }),
  /** Whitespace JSON: `"key": value` (msg_space) and `"key" : value` (msg_space_colon). */
  whitespaceJson: (): Files => ({
    'proj/s.jsonl': [
      respace(assistant({ id: 'msg_space', usage: { input_tokens: 3, output_tokens: 30 } })),
      respace(assistant({ id: 'msg_space_colon', usage: { input_tokens: 4, output_tokens: 40 } }), ' : '),
    ],
  }),
  /** One id-less line three times (twice in a.jsonl, once in b.jsonl) and another id-less line once. */
  idlessDuplicates: (): Files => ({
    'proj/a.jsonl': [idless, idless],
    'proj/b.jsonl': [idless, assistant({ id: null, requestId: null, usage: { input_tokens: 5, output_tokens: 50 } })],
  }),
  /** The same numeric message.id on two lines that differ (an edited file): one group, keyed on the id. */
  numericMessageId: (): Files => ({ 'proj/s.jsonl': [numericId('a'), numericId('b')] }),
  /** Lines of other types, one with usage inside toolUseResult (2.1.x key order), and one assistant line (msg_only). */
  nonAssistantLines: (): Files => ({
    'proj/s.jsonl': [summary(), nonAssistant.snapshot, nonAssistant.queue, user(), nonAssistant.taskResult, nonAssistant.apiError, assistant({ id: 'msg_only', usage: { output_tokens: 25 } })],
  }),

  // ---- across files and roots (§1, §2, §7.4–7.5) ----
  /**
   * ORIGINAL has msg_r1 (two lines, output 100) and msg_r2 (output 250) on 2026-01-15; the resumed session RESUMED
   * copies them re-stamped 2026-01-16T00:20Z with its own sessionId, then adds msg_r3 (output 400).
   */
  resumedSession: (): Files => {
    const r1 = (ts: string, sessionId: string) => assistant({ id: 'msg_r1', ts, sessionId, version: '1.0.80', usage: { output_tokens: 100 } });
    const r2 = (ts: string, sessionId: string) => assistant({ id: 'msg_r2', ts, sessionId, version: '1.0.80', usage: { output_tokens: 250 } });
    const copy = '2026-01-16T00:20:00.000Z';
    return {
      [`proj/${ORIGINAL}.jsonl`]: [r1('2026-01-15T23:50:00.000Z', ORIGINAL), r1('2026-01-15T23:50:05.000Z', ORIGINAL), r2('2026-01-15T23:55:00.000Z', ORIGINAL)],
      [`proj/${RESUMED}.jsonl`]: [summary(), r1(copy, RESUMED), r1(copy, RESUMED), r2(copy, RESUMED), assistant({ id: 'msg_r3', ts: '2026-01-16T00:30:00.000Z', sessionId: RESUMED, version: '1.0.80', usage: { output_tokens: 400 } })],
    };
  },
  /**
   * 2.0.28 layout: PARENT_20's main file (msg_main20) and agent-1a2b3c4d.jsonl beside it (msg_warmup, haiku).
   * 2.1.x layout: PARENT_21's main file (msg_main21) and PARENT_21/subagents/agent-a9f8e7d.jsonl (msg_sub1 on two
   * lines, and msg_sub2 on a line without sessionId: attributed by the path).
   */
  subagentFiles: (): Files => ({
    [`proj/${PARENT_20}.jsonl`]: [user('go', '2026-01-15T09:59:00.000Z', PARENT_20), assistant({ id: 'msg_main20', sessionId: PARENT_20, version: '2.0.30', usage: { output_tokens: 120 } })],
    'proj/agent-1a2b3c4d.jsonl': [assistant({ id: 'msg_warmup', sessionId: PARENT_20, version: '2.0.30', isSidechain: true, agentId: '1a2b3c4d', model: 'claude-haiku-4-5-20251001', usage: { input_tokens: 900, output_tokens: 12 } })],
    [`proj/${PARENT_21}.jsonl`]: [assistant({ id: 'msg_main21', sessionId: PARENT_21, version: '2.1.40', usage: { output_tokens: 210 } })],
    [`proj/${PARENT_21}/subagents/agent-a9f8e7d.jsonl`]: [
      assistant({ id: 'msg_sub1', sessionId: PARENT_21, version: '2.1.40', isSidechain: true, agentId: 'a9f8e7d', usage: { output_tokens: 30 } }),
      assistant({ id: 'msg_sub1', sessionId: PARENT_21, version: '2.1.40', isSidechain: true, agentId: 'a9f8e7d', usage: { output_tokens: 310 } }),
      assistant({ id: 'msg_sub2', sessionId: null, version: '2.1.40', isSidechain: true, agentId: 'a9f8e7d', usage: { output_tokens: 41 } }),
    ],
  }),
  /** The same session file under two project folders (a moved project): msg_c1 and msg_c2 once each. */
  sameFileTwice: (): Files => {
    const lines = [assistant({ id: 'msg_c1', usage: { output_tokens: 11 } }), assistant({ id: 'msg_c2', usage: { output_tokens: 22 } })];
    return { 'old-proj/s.jsonl': lines, 'new-proj/s.jsonl': lines };
  },
  /** Two config roots: msg_x only in the first, msg_y only in the second, msg_shared in both. */
  twoRoots: (): Files[] => [
    { 'p/s.jsonl': [assistant({ id: 'msg_x', usage: { output_tokens: 1 } }), assistant({ id: 'msg_shared', usage: { output_tokens: 20 } })] },
    { 'p/s.jsonl': [assistant({ id: 'msg_shared', usage: { output_tokens: 20 } }), assistant({ id: 'msg_y', usage: { output_tokens: 300 } })] },
  ],
  /** Dot-named folder, dot-named file, and a project folder whose name holds a dot segment. */
  dotNames: (): Files => ({
    '.hidden/proj/s.jsonl': [assistant({ id: 'msg_hidden_dir', usage: { output_tokens: 1 } })],
    'proj/.dotfile.jsonl': [assistant({ id: 'msg_dot_file', usage: { output_tokens: 20 } })],
    '-home-dev-.config/s.jsonl': [assistant({ id: 'msg_dot_segment', usage: { output_tokens: 300 } })],
  }),

  // ---- malformed input (§8) ----
  /** Two complete lines, then msg_cut cut after 200 bytes with no newline (a snapshot taken mid-write). */
  truncatedLastLine: (): Files => ({
    'proj/s.jsonl': { raw: [assistant({ id: 'msg_t1', usage: { output_tokens: 10 } }), assistant({ id: 'msg_t2', usage: { output_tokens: 20 } }), cutMe.slice(0, 200)].join('\n') },
  }),
  /** The last line is complete but has no newline yet. */
  completeLastLineNoNewline: (): Files => ({
    'proj/s.jsonl': { raw: [assistant({ id: 'msg_n1', usage: { output_tokens: 10 } }), assistant({ id: 'msg_n2', usage: { output_tokens: 20 } })].join('\n') },
  }),
  /** `}{"` glue: msg_g1 with msg_g2 on one line, msg_g3 with a summary on another. */
  gluedLines: (): Files => ({
    'proj/s.jsonl': [
      assistant({ id: 'msg_g1', usage: { output_tokens: 1 } }) + assistant({ id: 'msg_g2', usage: { output_tokens: 20 } }),
      assistant({ id: 'msg_g3', usage: { output_tokens: 300 } }) + summary(),
    ],
  }),
  /** A copy ending in a glued line without newline: msg_e2 and msg_e3 glued after msg_e1. */
  gluedLastLineNoNewline: (): Files => ({
    'proj/s.jsonl': { raw: assistant({ id: 'msg_e1', usage: { output_tokens: 1 } }) + '\n' + assistant({ id: 'msg_e2', usage: { output_tokens: 20 } }) + assistant({ id: 'msg_e3', usage: { output_tokens: 300 } }) },
  }),
  /** msg_split broken in two inside its thinking signature, between msg_before and msg_after. */
  splitLine: (): Files => {
    const at = splitMe.indexOf('QQQQ') + 150;
    return { 'proj/s.jsonl': [assistant({ id: 'msg_before', usage: { output_tokens: 10 } }), splitMe.slice(0, at), splitMe.slice(at), assistant({ id: 'msg_after', usage: { output_tokens: 20 } })] };
  },
  /** Empty and blank lines (skipped), a text line and an unterminated object (bad), and msg_ok. */
  blankAndGarbageLines: (): Files => ({
    'proj/s.jsonl': ['', '   ', 'not json at all', '{"type":"assistant","message":{"id":"msg_bad"', '\t', assistant({ id: 'msg_ok', usage: { output_tokens: 5 } })],
  }),
  /** Windows line endings. */
  crlfLines: (): Files => ({
    'proj/s.jsonl': { raw: [assistant({ id: 'msg_crlf1', usage: { output_tokens: 1 } }), assistant({ id: null, requestId: null, usage: { output_tokens: 20 } }), ''].join('\r\n') },
  }),

  /**
   * Lines far longer than the read buffer: a user line with a 400 KB tool result, msg_long_content with 400 KB of
   * content, the same user line glued (`}{"`) to msg_after_glue, and msg_last after them.
   */
  longLines: (): Files => ({
    'proj/s.jsonl': [
      bigToolResult,
      assistant({ id: 'msg_long_content', content: [{ type: 'text', text: 'z'.repeat(400_000) }], usage: { output_tokens: 90000 } }),
      bigToolResult + assistant({ id: 'msg_after_glue', usage: { output_tokens: 300 } }),
      assistant({ id: 'msg_last', usage: { output_tokens: 4000 } }),
    ],
  }),
  /**
   * A long user line glued to an assistant line, with the `}{"` across the end of a read, for read buffers of
   * 64 KiB to 1 MiB. For each size B, the user object ends at byte B - 1 or B - 2 (across the first read) and, for
   * 64 and 256 KiB, at 2B - 3 or 2B - 4 (across the second, which starts 2 bytes back). Output k·10 + n.
   */
  longLineGlueAtReadBoundaries: (): Files => {
    const ends = [16, 17, 18, 19, 20].flatMap((k) => [[k, 1, 2 ** k - 1], [k, 2, 2 ** k - 2]]);
    ends.push(...[16, 18].flatMap((k) => [[k, 3, 2 ** (k + 1) - 3], [k, 4, 2 ** (k + 1) - 4]]));
    return Object.fromEntries(
      ends.map(([k, n, last]) => [`proj/b${k}-${n}.jsonl`, [userOfLength(last! + 1) + assistant({ id: `msg_b${k}_${n}`, usage: { output_tokens: k! * 10 + n! } })]]),
    );
  },
  /** msg_before_long, then a user line with a 400 KB tool result still being written (no newline). */
  longLastLineUnfinished: (): Files => ({
    'proj/s.jsonl': { raw: assistant({ id: 'msg_before_long', usage: { output_tokens: 8 } }) + '\n' + bigToolResult.slice(0, 300_000) },
  }),

  // ---- timestamps (§4, §7.4, §8) ----
  /** msg_micro at 2026-01-15T23:59:59.123456Z (ccusage drops 6-digit fractions). */
  microsecondTimestamp: (): Files => ({ 'proj/s.jsonl': [assistant({ id: 'msg_micro', ts: '2026-01-15T23:59:59.123456Z', usage: { output_tokens: 42 } })] }),
  /**
   * msg_ist at 02:00+05:30 on the 16th (20:30Z on the 15th); msg_pst at 20:00-08:00 on the 15th (04:00Z on the 16th);
   * msg_mixed copied at 10:00Z and at 12:00+05:00 (07:00Z, the earliest, though it sorts later as text).
   */
  offsetTimestamps: (): Files => ({
    'proj/s.jsonl': [
      assistant({ id: 'msg_ist', ts: '2026-01-16T02:00:00.000+05:30', usage: { output_tokens: 1 } }),
      assistant({ id: 'msg_pst', ts: '2026-01-15T20:00:00-08:00', usage: { output_tokens: 20 } }),
      assistant({ id: 'msg_mixed', ts: '2026-01-15T10:00:00.000Z', usage: { output_tokens: 300 } }),
      assistant({ id: 'msg_mixed', ts: '2026-01-15T12:00:00.000+05:00', usage: { output_tokens: 300 } }),
    ],
  }),
  /** msg_late_ts: first line without timestamp, second at 2026-01-15T10:00Z. */
  missingTimestampOnOneCopy: (): Files => ({
    'proj/s.jsonl': [assistant({ id: 'msg_late_ts', ts: null, usage: { output_tokens: 5 } }), assistant({ id: 'msg_late_ts', ts: '2026-01-15T10:00:00.000Z', usage: { output_tokens: 50 } })],
  }),
} satisfies Record<string, () => Files | Files[]>;

export type ScenarioName = keyof typeof scenarios;

/** A line kept for tests that append to files: msg_cut whole (the truncated scenario holds its first 200 bytes). */
export const CUT_LINE = cutMe;

export interface Built {
  /** The config roots, one per Files of the scenario. */
  roots: string[];
  env: DiscoveryEnv;
}

/** Writes a scenario under a fresh temporary folder. */
export function build(t: TestContext, name: ScenarioName): Built {
  const made = scenarios[name]();
  const base = tempDir(t);
  const roots = (Array.isArray(made) ? made : [made]).map((files, i) => {
    const root = path.join(base, `claude-${i}`);
    mkdirSync(root, { recursive: true });
    return writeProjects(root, files);
  });
  return { roots, env: { CLAUDE_CONFIG_DIR: roots.join(',') } };
}

/** A scenario written, ingested once into a fresh ledger, and its totals. */
export async function ingestScenario(t: TestContext, name: ScenarioName): Promise<Built & { ledger: SqliteLedger; report: IngestReport; totals: Usage }> {
  const built = build(t, name);
  const ledger = newLedger(t);
  const report = await ingestEnv(ledger, built.env);
  return { ...built, ledger, report, totals: await totals(ledger) };
}
