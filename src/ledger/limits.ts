// Official limit observations, as the ledger keeps them: one row per (source, window) value, extended
// while the value stays the same, so the history shows every change with when it was seen.

/** Where a limit value came from (facts/limits.md §0): Claude Code's statusLine stdin, or the OAuth usage endpoint. */
export type LimitSource = 'statusline' | 'oauth';

/**
 * Window ids: `five_hour` (the session window), `seven_day` (weekly, all models), `seven_day_<model>` for
 * weekly per-model scopes (`seven_day_opus`, `seven_day_sonnet`, `seven_day_fable`, …), `extra_usage`
 * (usage credits), or another id the endpoint reports (kept, never dropped).
 */
export type LimitWindowId = string;

export interface LimitSnapshot {
  source: LimitSource;
  window: LimitWindowId;
  /** Epoch ms when this value was (last) seen. */
  observedAt: number;
  /** 0–100; null when the source gave no number (unknown, never 0). */
  usedPercent: number | null;
  /** Epoch ms of the window's reset; null when unknown. */
  resetsAt: number | null;
  /** Source-specific extras: `label`, `severity`, `isActive`, and for extra usage `usedUSD`, `limitUSD`, `currency`, `enabled`. */
  detail?: Record<string, unknown> | null;
}

export interface StoredLimitSnapshot extends LimitSnapshot {
  /** Epoch ms when this value was first seen (observedAt is the last time). */
  firstSeen: number;
}
