// The OAuth usage body (facts/limits.md §2) as limit snapshots. `limits[]` wins when present and non-empty;
// flat windows it does not cover are still kept (flat keys are the only source on older bodies). Every
// field is optional and nullable; a missing or non-numeric percentage is unknown (null), never 0.
import type { LimitSnapshot } from '../../ledger/limits.ts';
import { parseTimestamp } from '../transcripts/timestamp.ts';
import { decodeCredits } from './decode-credits.ts';
import { finite, isObject, text, type JsonObject } from './values.ts';

/** Top-level keys that are not windows. */
const NOT_WINDOWS = new Set(['limits', 'extra_usage', 'spend', 'seven_day_breakdown', 'member_dashboard_available', 'model_scoped']);
/** Windows kept even without a number (shown as unknown). */
const CORE_WINDOWS = new Set(['five_hour', 'seven_day', 'seven_day_opus', 'seven_day_sonnet']);
/** Claude Design: shares the main limit, so it would only repeat it (facts §2). */
const IGNORED_WINDOWS = new Set(['seven_day_omelette', 'seven_day_design']);

export function decodeUsage(body: unknown, observedAt: number): LimitSnapshot[] {
  if (!isObject(body)) return [];
  const out: LimitSnapshot[] = [];
  const seen = new Set<string>();
  const add = (s: LimitSnapshot): void => {
    if (seen.has(s.window)) return;
    seen.add(s.window);
    out.push(s);
  };
  const limits = body['limits'];
  if (Array.isArray(limits)) for (const l of limits) if (isObject(l)) addMaybe(add, fromLimit(l, observedAt));
  for (const [key, value] of Object.entries(body)) addMaybe(add, fromFlat(key, value, observedAt));
  addMaybe(add, decodeCredits(body, observedAt));
  return out;
}

function addMaybe(add: (s: LimitSnapshot) => void, s: LimitSnapshot | null): void {
  if (s) add(s);
}

/** One `limits[]` entry: `{kind, group, percent, severity, resets_at, scope, is_active}`. */
function fromLimit(l: JsonObject, observedAt: number): LimitSnapshot | null {
  const kind = text(l['kind']);
  if (kind === null) return null;
  const scope = isObject(l['scope']) ? l['scope'] : null;
  const model = scope && isObject(scope['model']) ? scope['model'] : null;
  const scopeName = (model && (text(model['display_name']) ?? text(model['id']))) ?? (scope && text(scope['surface']));
  const { window, label } = limitName(kind, scopeName);
  const detail: JsonObject = { label };
  const severity = text(l['severity']);
  if (severity !== null) detail['severity'] = severity;
  if (typeof l['is_active'] === 'boolean') detail['isActive'] = l['is_active'];
  return { source: 'oauth', window, observedAt, usedPercent: finite(l['percent']), resetsAt: resetTime(l['resets_at']), detail };
}

function limitName(kind: string, scope: string | null): { window: string; label: string } {
  if (kind === 'session') return { window: 'five_hour', label: 'Current session' };
  if (kind === 'weekly_all') return { window: 'seven_day', label: 'Current week (all models)' };
  if (kind === 'weekly_scoped') return scope ? { window: `seven_day_${slug(scope)}`, label: `Current week (${scope})` } : { window: 'seven_day_scoped', label: 'Current week (scoped)' };
  // An unknown kind: kept under its own name, humanized.
  return scope ? { window: `${kind}_${slug(scope)}`, label: `${humanize(kind)} (${scope})` } : { window: kind, label: humanize(kind) };
}

/** A flat `{utilization, resets_at, limit_dollars?, used_dollars?}` window; unknown keys only when they carry a number. */
function fromFlat(key: string, value: unknown, observedAt: number): LimitSnapshot | null {
  if (NOT_WINDOWS.has(key) || IGNORED_WINDOWS.has(key) || !isObject(value)) return null;
  const usedPercent = finite(value['utilization']);
  if (usedPercent === null && !CORE_WINDOWS.has(key)) return null;
  const detail: JsonObject = { label: flatLabel(key) };
  const usedUSD = finite(value['used_dollars']);
  const limitUSD = finite(value['limit_dollars']);
  if (usedUSD !== null) detail['usedUSD'] = usedUSD;
  if (limitUSD !== null) detail['limitUSD'] = limitUSD;
  return { source: 'oauth', window: key, observedAt, usedPercent, resetsAt: resetTime(value['resets_at']), detail };
}

function flatLabel(key: string): string {
  if (key === 'five_hour') return 'Current session';
  if (key === 'seven_day') return 'Current week (all models)';
  if (key.startsWith('seven_day_')) return `Current week (${humanize(key.slice('seven_day_'.length))})`;
  return humanize(key);
}

/** Epoch ms of an ISO-8601 `resets_at` (any fraction length, `Z` or an offset), else null. */
export function resetTime(v: unknown): number | null {
  if (typeof v !== 'string' || v.trim() === '') return null;
  const ms = parseTimestamp(v.trim());
  return Number.isFinite(ms) ? ms : null;
}

/** `Fable` → `fable`, `Sonnet 4.5` → `sonnet_4_5`: lowercase, runs of non-alphanumerics as one `_`. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'unnamed';
}

/** `iguana_necktie` → `Iguana necktie`. */
function humanize(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
