// The JSON Claude Code pipes to its statusLine command (facts/limits.md §1). Every field is optional and
// may be malformed: decoding never fails, it reports what it could not use, and the line degrades.
import type { LimitSnapshot } from '../../ledger/limits.ts';

export interface RateWindow {
  usedPercentage: number | null;
  /** Epoch ms (stdin gives epoch seconds). */
  resetsAt: number | null;
}

export interface StatusInput {
  sessionId: string | null;
  transcriptPath: string | null;
  cwd: string | null;
  modelId: string | null;
  modelName: string | null;
  version: string | null;
  /** Claude Code's own session cost estimate (`cost.total_cost_usd`). */
  sessionCostUSD: number | null;
  contextUsedPercent: number | null;
  contextWindowSize: number | null;
  rateLimits: { fiveHour: RateWindow | null; sevenDay: RateWindow | null } | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function rateWindow(v: unknown, name: string, problems: string[]): RateWindow | null {
  if (v === undefined || v === null) return null;
  const w = obj(v);
  if (!w) {
    problems.push(`rate_limits.${name} is not an object`);
    return null;
  }
  const used = num(w['used_percentage']);
  const resets = num(w['resets_at']);
  if (used === null) problems.push(`rate_limits.${name}.used_percentage is missing or not a number`);
  // epoch seconds; a value in milliseconds (over ~year 2286 in seconds) is taken as milliseconds
  const resetsAt = resets === null ? null : resets > 1e11 ? resets : resets * 1000;
  return { usedPercentage: used === null ? null : Math.min(100, Math.max(0, used)), resetsAt };
}

export function decodeStatusInput(raw: unknown): { input: StatusInput; problems: string[] } {
  const problems: string[] = [];
  const o = obj(raw) ?? {};
  if (!obj(raw)) problems.push('the input is not a JSON object');
  const model = obj(o['model']);
  const cost = obj(o['cost']);
  const context = obj(o['context_window']);
  let contextUsed = num(context?.['used_percentage']);
  const size = num(context?.['context_window_size']);
  const current = obj(context?.['current_usage']);
  if (contextUsed === null && current && size) {
    const used = (num(current['input_tokens']) ?? 0) + (num(current['cache_creation_input_tokens']) ?? 0) + (num(current['cache_read_input_tokens']) ?? 0);
    contextUsed = (used / size) * 100;
  }
  const limits = obj(o['rate_limits']);
  return {
    input: {
      sessionId: str(o['session_id']),
      transcriptPath: str(o['transcript_path']),
      cwd: str(o['cwd']) ?? str(obj(o['workspace'])?.['current_dir']),
      modelId: str(model?.['id']),
      modelName: str(model?.['display_name']),
      version: str(o['version']),
      sessionCostUSD: num(cost?.['total_cost_usd']),
      contextUsedPercent: contextUsed,
      contextWindowSize: size,
      rateLimits: limits ? { fiveHour: rateWindow(limits['five_hour'], 'five_hour', problems), sevenDay: rateWindow(limits['seven_day'], 'seven_day', problems) } : null,
    },
    problems,
  };
}

/** The official values in the input, as limit snapshots (source `statusline`). */
export function rateLimitSnapshots(input: StatusInput, now: number): LimitSnapshot[] {
  const out: LimitSnapshot[] = [];
  const add = (window: string, w: RateWindow | null) => {
    if (w && w.usedPercentage !== null) out.push({ source: 'statusline', window, observedAt: now, usedPercent: w.usedPercentage, resetsAt: w.resetsAt });
  };
  add('five_hour', input.rateLimits?.fiveHour ?? null);
  add('seven_day', input.rateLimits?.sevenDay ?? null);
  return out;
}
