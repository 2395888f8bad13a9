// Number, money and name formats shared by the text renderers.
import { groupDigits } from '../../shared/digits.ts';

export function formatInt(n: number): string {
  return groupDigits(n);
}

/** Dollars to the cent ($1,234.57); amounts below a cent but above zero show as <$0.01. */
export function formatUSD(n: number): string {
  if (n > 0 && n < 0.005) return '<$0.01';
  return '$' + groupDigits(n, 2);
}

/** 1234567 → 1.2M; for narrow columns. */
export function formatCompact(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return (n / 1e9).toFixed(a >= 1e10 ? 0 : 1) + 'B';
  if (a >= 1e6) return (n / 1e6).toFixed(a >= 1e7 ? 0 : 1) + 'M';
  if (a >= 1e3) return (n / 1e3).toFixed(a >= 1e4 ? 0 : 1) + 'K';
  return String(Math.round(n));
}

/** `claude-opus-4-5-20251101` → `opus-4-5`; Bedrock/Vertex forms reduced the same way. */
export function shortModel(model: string): string {
  return model
    .replace(/^.*\//, '')
    .replace(/^(?:[a-z-]+\.)?anthropic\./, '')
    .replace(/^claude-/, '')
    .replace(/(?:-v\d+(?::\d+)?|@\w+|-\d{8})$/, '')
    .replace(/-\d{8}$/, '');
}

/** Seconds → "2h 05m" / "45m" / "30s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${String(h).padStart(2, '0')}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

/** Words into lines of at most `width` characters. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Prose wrapped to a terminal `width`: `first` before the first line, `rest` (as wide) before the others, so
 * continuation lines hang under the text.
 */
export function wrapPrefixed(text: string, width: number, first = '', rest = first): string[] {
  return wrap(text, Math.max(20, width - rest.length)).map((l, i) => (i === 0 ? first : rest) + l);
}
