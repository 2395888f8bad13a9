// 5-hour blocks: the session windows of a subscription, rebuilt from the user's own activity. A block
// starts with the first request after the previous one ended and lasts 5 hours. Where Claude Code reported
// the window's official reset time, the block is placed exactly there; elsewhere its start is the first
// request floored to the hour (the convention local estimators use, limits.md §0 "Window semantics"), and
// it is labelled an estimate. Pure: cells and `now` come in.
import type { RollupRow } from '../ledger/ledger.ts';
import { addUsage, pickUsage, totalTokens, zeroUsage, type Usage } from './usage.ts';

export const BLOCK_MS = 5 * 3_600_000;
const HOUR = 3_600_000;

export interface Block extends Usage {
  start: string;
  end: string;
  /** Placed on an official reset time (true) or estimated from activity (false). */
  official: boolean;
  /** `now` falls inside it and it has activity. */
  active: boolean;
  models: string[];
  firstActivity: string;
  lastActivity: string;
  /** For the active block: pace since its first request. */
  burnRate: { costPerHour: number; tokensPerMinute: number } | null;
  /** For the active block: where it ends at that pace. */
  projection: { costUSD: number; totalTokens: number } | null;
}

/** The JSON shape of `ccmeter blocks --json`. */
export interface BlocksView {
  generatedAt: string;
  blocks: Block[];
  notes: string[];
}

/** `cells`: minute rollup cells (any order); `officialResets`: known five_hour reset instants (epoch ms). */
export function buildBlocks(cells: readonly RollupRow[], officialResets: readonly number[], now: number): BlocksView {
  const sorted = [...cells].sort((a, b) => a.firstTs - b.firstTs);
  const resets = [...new Set(officialResets)].sort((a, b) => a - b);
  const blocks: (Block & { startMs: number; endMs: number; firstMs: number; lastMs: number; byModel: Map<string, number> })[] = [];
  let current: (typeof blocks)[number] | undefined;
  for (const c of sorted) {
    if (!current || c.firstTs >= current.endMs) {
      const anchor = resets.find((r) => r - BLOCK_MS <= c.firstTs && c.firstTs < r);
      const startMs = anchor !== undefined ? anchor - BLOCK_MS : Math.floor(c.firstTs / HOUR) * HOUR;
      // an estimated block never overlaps the one before it
      const start = current && startMs < current.endMs ? current.endMs : startMs;
      const endMs = anchor !== undefined ? anchor : start + BLOCK_MS;
      current = {
        ...zeroUsage(),
        start: new Date(start).toISOString(),
        end: new Date(endMs).toISOString(),
        official: anchor !== undefined,
        active: false,
        models: [],
        firstActivity: '',
        lastActivity: '',
        burnRate: null,
        projection: null,
        startMs: start,
        endMs,
        firstMs: c.firstTs,
        lastMs: c.lastTs,
        byModel: new Map(),
      };
      blocks.push(current);
    }
    addUsage(current, c);
    current.lastMs = Math.max(current.lastMs, c.lastTs);
    current.byModel.set(c.model, (current.byModel.get(c.model) ?? 0) + c.costUSD);
  }
  const out: Block[] = blocks.map(({ startMs, endMs, firstMs, lastMs, byModel, ...b }) => {
    const block: Block = {
      ...b,
      models: [...byModel].sort((x, y) => y[1] - x[1]).map(([m]) => m),
      firstActivity: new Date(firstMs).toISOString(),
      lastActivity: new Date(lastMs).toISOString(),
      active: now >= startMs && now < endMs,
    };
    if (block.active) {
      const elapsed = Math.max(now - firstMs, 60_000);
      const costPerHour = (block.costUSD / elapsed) * HOUR;
      const tokensPerMinute = (totalTokens(block) / elapsed) * 60_000;
      block.burnRate = { costPerHour, tokensPerMinute };
      const left = Math.max(0, endMs - now);
      block.projection = { costUSD: block.costUSD + (costPerHour * left) / HOUR, totalTokens: totalTokens(block) + tokensPerMinute * (left / 60_000) };
    }
    return block;
  });
  const notes = out.some((b) => !b.official)
    ? ['Blocks without an official reset time are estimated from your local activity: usage on claude.ai or other machines shares the same window but is not in these logs.']
    : [];
  return { generatedAt: new Date(now).toISOString(), blocks: out, notes };
}

export function usageOf(block: Block): Usage {
  return pickUsage(block);
}
