// A realistic sample of Claude Code logs for `ccmeter demo`: five weeks of work over four projects and
// five models, written exactly as Claude Code writes them: streamed messages as several lines with
// growing output, sub-agent files in both layouts, a resumed session copying earlier lines, 1h cache
// writes, a long-context request, fast mode, web searches. Deterministic for a given `now`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DAY = 86_400_000;
const MIN = 60_000;

/** mulberry32: small, fast, reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROJECTS = ['/home/demo/code/webshop', '/home/demo/code/api-gateway', '/home/demo/code/ml-notebooks', '/home/demo/dotfiles'];

interface Turn {
  ts: number;
  model: string;
  input: number;
  output: number;
  write: number;
  write1h: number;
  read: number;
  fast?: boolean;
  webSearch?: number;
}

export interface DemoSummary {
  files: number;
  lines: number;
  requests: number;
}

export function writeDemoHistory(claudeDir: string, now: number): DemoSummary {
  const rand = rng(20260115);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const id = (prefix: string, n = 24) => prefix + Array.from({ length: n }, () => 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(rand() * 57)]).join('');
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const summary: DemoSummary = { files: 0, lines: 0, requests: 0 };
  const projectsDir = path.join(claudeDir, 'projects');

  const write = (file: string, lines: string[]) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, lines.join('\n') + '\n');
    summary.files++;
    summary.lines += lines.length;
  };

  /** The lines Claude Code writes for one streamed response: one per content block, output growing. */
  const assistantLines = (t: Turn, base: Record<string, unknown>, version: string): string[] => {
    const msgId = id('msg_01');
    const requestId = id('req_011C');
    const blocks = 1 + Math.floor(rand() * 3);
    summary.requests++;
    const out: string[] = [];
    for (let b = 0; b < blocks; b++) {
      const last = b === blocks - 1;
      const usage: Record<string, unknown> = {
        input_tokens: t.input,
        cache_creation_input_tokens: t.write,
        cache_read_input_tokens: t.read,
        cache_creation: { ephemeral_5m_input_tokens: t.write - t.write1h, ephemeral_1h_input_tokens: t.write1h },
        output_tokens: last ? t.output : Math.min(t.output, 1 + b * 7),
        service_tier: 'standard',
      };
      if (last && t.webSearch) usage['server_tool_use'] = { web_search_requests: t.webSearch, web_fetch_requests: 0 };
      if (t.fast !== undefined) usage['speed'] = t.fast ? 'fast' : 'standard';
      const content = b === 0 && blocks > 1 ? [{ type: 'thinking', thinking: 'Considering the next step.', signature: id('', 64) }] : last ? [{ type: 'text', text: 'Done: the change is in place and the tests pass.' }] : [{ type: 'tool_use', id: id('toolu_01'), name: 'Bash', input: { command: 'npm test' } }];
      out.push(
        JSON.stringify({
          ...base,
          version,
          message: { model: t.model, id: msgId, type: 'message', role: 'assistant', content, stop_reason: last ? 'end_turn' : null, stop_sequence: null, usage },
          requestId,
          type: 'assistant',
          uuid: uuid(),
          timestamp: new Date(t.ts + b * 1200).toISOString(),
        }),
      );
    }
    return out;
  };

  const userLine = (base: Record<string, unknown>, ts: number, version: string, text: string) =>
    JSON.stringify({ ...base, version, type: 'user', message: { role: 'user', content: text }, uuid: uuid(), timestamp: new Date(ts).toISOString() });

  const start = now - 35 * DAY;
  let resumeSource: { lines: string[]; project: string; cwd: string } | null = null;
  for (let day = 0; day <= 35; day++) {
    const dayStart = Math.floor((start + day * DAY) / DAY) * DAY;
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const sessions = weekend ? (rand() < 0.4 ? 1 : 0) : 1 + Math.floor(rand() * 3);
    const recent = day > 21; // newer models in the last two weeks
    for (let s = 0; s < sessions; s++) {
      const cwd = pick(PROJECTS);
      const project = cwd.replace(/[^a-zA-Z0-9]/g, '-');
      const sessionId = uuid();
      const version = recent ? '2.1.181' : '2.1.96';
      let ts = dayStart + (8 + s * 4 + rand() * 2) * 3_600_000;
      if (ts > now - 10 * MIN) continue;
      const base = { parentUuid: null, isSidechain: false, userType: 'external', cwd, sessionId, gitBranch: 'main' };
      const lines: string[] = [];
      const mainModel = recent ? pick(['claude-opus-4-8', 'claude-opus-4-8', 'claude-sonnet-4-6']) : pick(['claude-opus-4-5-20251101', 'claude-sonnet-4-6', 'claude-opus-4-7']);
      const turns = 8 + Math.floor(rand() * 40);
      let context = 18_000 + Math.floor(rand() * 6000);
      for (let k = 0; k < turns && ts < now - MIN; k++) {
        lines.push(userLine(base, ts, version, 'Please continue with the next task.'));
        ts += 4000 + rand() * 20_000;
        const write = 500 + Math.floor(rand() * 6000);
        const t: Turn = { ts, model: mainModel, input: 3 + Math.floor(rand() * 12), output: 80 + Math.floor(rand() * 1500), write, write1h: rand() < 0.85 ? write : 0, read: context };
        if (recent && mainModel === 'claude-opus-4-8' && rand() < 0.05) t.fast = true;
        else if (recent) t.fast = false;
        if (rand() < 0.02) t.webSearch = 1 + Math.floor(rand() * 3);
        lines.push(...assistantLines(t, base, version));
        context += write;
        ts += 30_000 + rand() * 240_000;
      }
      // a cheap helper call per session
      lines.push(...assistantLines({ ts: ts - 20_000, model: 'claude-haiku-4-5-20251001', input: 900, output: 40, write: 0, write1h: 0, read: 0 }, base, version));
      write(path.join(projectsDir, project, `${sessionId}.jsonl`), lines);
      if (!resumeSource && lines.length > 6 && day > 10) resumeSource = { lines: lines.slice(0, 6), project, cwd };

      // sub-agents: the 2.1.x layout (<session>/subagents/) in recent sessions, beside the main file before
      if (rand() < 0.5) {
        const agentId = 'a' + Array.from({ length: 7 }, () => Math.floor(rand() * 16).toString(16)).join('');
        const agentBase = { ...base, isSidechain: true, agentId };
        const agentLines: string[] = [];
        let at = dayStart + (8 + s * 4 + 1) * 3_600_000;
        for (let k = 0; k < 3 + Math.floor(rand() * 8) && at < now - MIN; k++) {
          const w = 2000 + Math.floor(rand() * 8000);
          agentLines.push(...assistantLines({ ts: at, model: recent ? 'claude-sonnet-4-6' : 'claude-haiku-4-5-20251001', input: 5, output: 200 + Math.floor(rand() * 900), write: w, write1h: 0, read: 12_000 + k * w }, agentBase, version));
          at += 20_000 + rand() * 60_000;
        }
        if (agentLines.length) {
          const file = recent ? path.join(projectsDir, project, sessionId, 'subagents', `agent-${agentId}.jsonl`) : path.join(projectsDir, project, `agent-${agentId}.jsonl`);
          write(file, agentLines);
        }
      }
    }
  }

  // a resumed session: its file starts with copies of the earlier conversation (same message ids, a new
  // session id and later timestamps); ccmeter counts those requests once, at their first time
  if (resumeSource) {
    const newSession = uuid();
    const resumedAt = now - 3 * DAY;
    const copies = resumeSource.lines.map((l) => {
      const o = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify({ ...o, sessionId: newSession, timestamp: new Date(resumedAt).toISOString() });
    });
    const base = { parentUuid: null, isSidechain: false, userType: 'external', cwd: resumeSource.cwd, sessionId: newSession, gitBranch: 'main' };
    const more = assistantLines({ ts: resumedAt + 5 * MIN, model: 'claude-opus-4-8', input: 8, output: 640, write: 4000, write1h: 4000, read: 42_000 }, base, '2.1.181');
    write(path.join(projectsDir, resumeSource.project, `${newSession}.jsonl`), [...copies, ...more]);
  }

  // a long-context request: Sonnet 4.5 with a 1M-context prompt above 200K tokens, priced at the premium
  const lcSession = uuid();
  const lcBase = { parentUuid: null, isSidechain: false, userType: 'external', cwd: PROJECTS[2], sessionId: lcSession, gitBranch: 'main' };
  const lcAt = now - 6 * DAY;
  write(path.join(projectsDir, PROJECTS[2]!.replace(/[^a-zA-Z0-9]/g, '-'), `${lcSession}.jsonl`), [
    userLine(lcBase, lcAt - 10_000, '2.1.96', 'Read the whole dataset description and summarise it.'),
    ...assistantLines({ ts: lcAt, model: 'claude-sonnet-4-5-20250929', input: 2000, output: 1800, write: 12_000, write1h: 0, read: 250_000 }, lcBase, '2.1.96'),
  ]);
  return summary;
}

/**
 * Official limit readings for the demo, as the statusLine would have recorded them: the 5-hour window of
 * the last few hours climbing with the work, and the week climbing since its reset four days ago.
 */
export function demoLimitSnapshots(now: number): import('../ledger/limits.ts').LimitSnapshot[] {
  const out: import('../ledger/limits.ts').LimitSnapshot[] = [];
  const hourStart = Math.floor(now / 3_600_000) * 3_600_000;
  const fiveHourReset = hourStart + 2 * 3_600_000; // the current window began 3 hours ago
  const weekReset = Math.floor(now / DAY) * DAY + 3 * DAY + 15 * 3_600_000;
  for (let t = now - 150 * MIN, k = 0; t <= now; t += 10 * MIN, k++) {
    out.push({ source: 'statusline', window: 'five_hour', observedAt: t, usedPercent: 22 + k * 1.6, resetsAt: fiveHourReset });
    out.push({ source: 'statusline', window: 'seven_day', observedAt: t, usedPercent: 44 + k * 0.3, resetsAt: weekReset });
  }
  out.push({ source: 'oauth', window: 'seven_day_opus', observedAt: now - 20 * MIN, usedPercent: 61, resetsAt: weekReset, detail: { label: 'Week, Opus' } });
  return out;
}
