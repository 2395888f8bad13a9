// Builders for transcript fixtures: lines shaped exactly like Claude Code's, written into a temporary
// Claude config folder. Each test states the scenario it builds; numbers are chosen so sums are checkable.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';

export function tempDir(t: TestContext, prefix = 'ccmeter-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Usage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  server_tool_use?: { web_search_requests?: number; web_fetch_requests?: number };
  speed?: 'standard' | 'fast' | null;
  inference_geo?: string;
  service_tier?: string | null;
  iterations?: unknown[];
}

export interface AssistantLine {
  id?: string | number | null;
  requestId?: string | null;
  ts?: string | null;
  model?: string;
  usage?: Usage | null;
  /** null: no sessionId on the line. */
  sessionId?: string | null;
  cwd?: string;
  version?: string;
  isSidechain?: boolean;
  agentId?: string;
  content?: unknown[];
  stopReason?: string | null;
  /** `usage` before `content` in the message (as on `<synthetic>` lines and some others). */
  usageFirst?: boolean;
  /** More top-level fields, written after `message` (e.g. `isApiErrorMessage`, `forkedFrom`). */
  extra?: Record<string, unknown>;
  /** Key order of the 2.1.x layout (message before `type`) or the older one (`type` first). */
  layout?: 'message-first' | 'type-first';
}

export const SESSION = '11111111-2222-4333-8444-555555555555';
export const CWD = '/home/dev/project';

/** One assistant line as Claude Code writes it. */
export function assistant(a: AssistantLine = {}): string {
  const usage = a.usage === null ? {} : { usage: { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'standard', ...a.usage } };
  const message: Record<string, unknown> = {
    model: a.model ?? 'claude-sonnet-4-20250514',
    ...(a.id === null ? {} : { id: a.id ?? 'msg_01AAA' }),
    type: 'message',
    role: 'assistant',
    ...(a.usageFirst ? usage : {}),
    content: a.content ?? [{ type: 'text', text: 'ok' }],
    stop_reason: a.stopReason ?? null,
    stop_sequence: null,
    ...(a.usageFirst ? {} : usage),
  };
  const head = { parentUuid: null, isSidechain: a.isSidechain ?? false, userType: 'external', cwd: a.cwd ?? CWD, ...(a.sessionId === null ? {} : { sessionId: a.sessionId ?? SESSION }), version: a.version ?? '2.0.76', gitBranch: 'main', ...(a.agentId ? { agentId: a.agentId } : {}) };
  const tail = { ...(a.requestId === null ? {} : { requestId: a.requestId ?? 'req_011AAA' }), type: 'assistant', uuid: crypto.randomUUID(), ...(a.ts === null ? {} : { timestamp: a.ts ?? '2026-01-15T10:00:00.000Z' }) };
  const line = a.layout === 'type-first' ? { ...head, type: 'assistant', timestamp: tail.timestamp, message, requestId: tail.requestId, uuid: tail.uuid } : { ...head, message, ...tail };
  return JSON.stringify({ ...line, ...a.extra });
}

/** A 2.1.x `progress` line whose `agent_progress` data embeds a sub-agent's assistant message (transcripts.md §3). */
export function agentProgress(a: { id: string; usage: Usage; ts?: string; dataFirst?: boolean }): string {
  const ts = a.ts ?? '2026-01-15T10:00:00.000Z';
  const echoed = { type: 'assistant', timestamp: ts, message: { model: 'claude-haiku-4-5-20251001', id: a.id, type: 'message', role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01PROG', name: 'WebSearch', input: { query: 'q' } }], stop_reason: null, stop_sequence: null, usage: { service_tier: 'standard', ...a.usage } }, requestId: 'req_011PROG', uuid: crypto.randomUUID() };
  const data = { message: echoed, normalizedMessages: [], type: 'agent_progress', prompt: 'look it up', agentId: 'a53c0db' };
  const head = { parentUuid: null, isSidechain: false, userType: 'external', cwd: CWD, sessionId: SESSION, version: '2.1.19', gitBranch: 'main', slug: 'iridescent-churning-beaver' };
  const ids = { toolUseID: 'agent_msg_01PROG', parentToolUseID: 'toolu_01PARENT', uuid: crypto.randomUUID(), timestamp: ts };
  return JSON.stringify(a.dataFirst ? { ...head, data, type: 'progress', ...ids } : { ...head, type: 'progress', data, ...ids });
}

/** A `<synthetic>` API-error placeholder: UUID id, no requestId, zero usage before content (transcripts.md §4). */
export function synthetic(ts = '2026-01-15T10:00:00.000Z'): string {
  return JSON.stringify({
    parentUuid: null, isSidechain: false, userType: 'external', cwd: CWD, sessionId: SESSION, version: '2.0.8', gitBranch: 'main', type: 'assistant', uuid: crypto.randomUUID(), timestamp: ts,
    message: { id: crypto.randomUUID(), container: null, model: '<synthetic>', role: 'assistant', stop_reason: 'stop_sequence', stop_sequence: '', type: 'message', usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, server_tool_use: { web_search_requests: 0 }, service_tier: null, cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 } }, content: [{ type: 'text', text: 'API Error: Operation aborted by user' }] },
    isApiErrorMessage: true,
  });
}

export function summary(text = 'Fixing the parser'): string {
  return JSON.stringify({ type: 'summary', summary: text, leafUuid: crypto.randomUUID() });
}

/** Re-serializes a JSON line with spaces after (or around) colons and after commas, still on one line. */
export function respace(line: string, colon = ': '): string {
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return '[' + v.map(write).join(', ') + ']';
    if (v !== null && typeof v === 'object') return '{ ' + Object.entries(v).map(([k, x]) => JSON.stringify(k) + colon + write(x)).join(', ') + ' }';
    return JSON.stringify(v);
  };
  return write(JSON.parse(line));
}

export function user(text = 'hello', ts = '2026-01-15T09:59:00.000Z', sessionId = SESSION): string {
  return JSON.stringify({ parentUuid: null, isSidechain: false, userType: 'external', cwd: CWD, sessionId, version: '2.0.76', gitBranch: 'main', type: 'user', message: { role: 'user', content: text }, uuid: crypto.randomUUID(), timestamp: ts });
}

/** Writes files under `<root>/projects/`: keys are paths relative to projects/, values lines (joined with \n, final \n added unless `raw`). */
export function writeProjects(root: string, files: Record<string, string[] | { raw: string }>): string {
  const projects = path.join(root, 'projects');
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(projects, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Array.isArray(content) ? content.join('\n') + '\n' : content.raw);
  }
  return root;
}
