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
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  server_tool_use?: { web_search_requests?: number; web_fetch_requests?: number };
  speed?: 'standard' | 'fast' | null;
  inference_geo?: string;
  service_tier?: string | null;
  iterations?: unknown[];
}

export interface AssistantLine {
  id?: string | null;
  requestId?: string | null;
  ts?: string | null;
  model?: string;
  usage?: Usage | null;
  sessionId?: string;
  cwd?: string;
  version?: string;
  isSidechain?: boolean;
  agentId?: string;
  content?: unknown[];
  /** Key order of the 2.1.x layout (message before `type`) or the older one (`type` first). */
  layout?: 'message-first' | 'type-first';
}

export const SESSION = '11111111-2222-4333-8444-555555555555';
export const CWD = '/home/dev/project';

/** One assistant line as Claude Code writes it. */
export function assistant(a: AssistantLine = {}): string {
  const message: Record<string, unknown> = {
    model: a.model ?? 'claude-sonnet-4-20250514',
    ...(a.id === null ? {} : { id: a.id ?? 'msg_01AAA' }),
    type: 'message',
    role: 'assistant',
    content: a.content ?? [{ type: 'text', text: 'ok' }],
    stop_reason: null,
    stop_sequence: null,
    ...(a.usage === null ? {} : { usage: { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'standard', ...a.usage } }),
  };
  const head = { parentUuid: null, isSidechain: a.isSidechain ?? false, userType: 'external', cwd: a.cwd ?? CWD, sessionId: a.sessionId ?? SESSION, version: a.version ?? '2.0.76', gitBranch: 'main', ...(a.agentId ? { agentId: a.agentId } : {}) };
  const tail = { ...(a.requestId === null ? {} : { requestId: a.requestId ?? 'req_011AAA' }), type: 'assistant', uuid: crypto.randomUUID(), ...(a.ts === null ? {} : { timestamp: a.ts ?? '2026-01-15T10:00:00.000Z' }) };
  const line = a.layout === 'type-first' ? { ...head, type: 'assistant', timestamp: tail.timestamp, message, requestId: tail.requestId, uuid: tail.uuid } : { ...head, message, ...tail };
  return JSON.stringify(line);
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
