// The `warnings` of a report: what the numbers cannot be trusted for, in words a user can act on.
// Pure: built from the ledger's pricing issues and version counts and the ingest's diagnostics.
import type { PricingIssue, VersionCount } from '../ledger/ledger.ts';
import { groupDigits } from '../shared/digits.ts';

/** Claude Code versions that never wrote a message's final usage: output under-logged ~100× (transcripts.md §6). */
export const UNDERLOGGED_OUTPUT = { from: '2.1.11', to: '2.1.29' } as const;

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0, y = pb[i] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return a < b ? -1 : a > b ? 1 : 0;
    if (x !== y) return x - y;
  }
  return 0;
}

const plural = (n: number, one: string, many = one + 's') => `${groupDigits(n)} ${n === 1 ? one : many}`;

export function pricingWarnings(issues: readonly PricingIssue[]): string[] {
  return issues.map((i) =>
    i.kind === 'unpriced'
      ? `${plural(i.requests, 'request')} of unknown model ${i.model} not priced (cost counted as $0); add its price under pricing.models in the config file`
      : `${plural(i.requests, 'request')} of ${i.model} priced as ${i.pricedAs} (same model, a snapshot missing from the price table)`,
  );
}

export function versionWarnings(versions: readonly VersionCount[]): string[] {
  const n = versions
    .filter((v) => v.version && compareVersions(v.version, UNDERLOGGED_OUTPUT.from) >= 0 && compareVersions(v.version, UNDERLOGGED_OUTPUT.to) <= 0)
    .reduce((sum, v) => sum + v.requests, 0);
  if (n === 0) return [];
  return [
    `${plural(n, 'request')} were logged by Claude Code ${UNDERLOGGED_OUTPUT.from}–${UNDERLOGGED_OUTPUT.to}, which never wrote a message's final output token count: their output tokens (and that part of the cost) are understated`,
  ];
}

export interface ScanDiagnostics {
  badLines: number;
  partialTails: number;
  warnings: readonly string[];
}

export function scanWarnings(d: ScanDiagnostics): string[] {
  const out = [...d.warnings];
  if (d.badLines > 0) out.push(`${plural(d.badLines, 'corrupt log line')} skipped (truncated or split lines in the transcripts)`);
  return out;
}
