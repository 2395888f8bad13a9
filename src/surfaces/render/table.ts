// Box-drawn tables that fit the terminal: cells may hold several lines; a flexible column gives up width
// (its text is cut with an ellipsis) so the table never wraps.
import { visibleWidth, type Painter } from './style.ts';

export interface Column<R> {
  header: string;
  align?: 'left' | 'right';
  /** Lines of the cell. */
  cell: (row: R) => string | string[];
  /** Shrinks when the table is too wide. */
  flexible?: boolean;
  /** Cut text at its start (`…/code/webshop`) rather than its end: for paths. */
  cutStart?: boolean;
  /** When the table does not fit, columns with a drop rank are left out, highest rank first. */
  drop?: number;
}

export interface TableOptions {
  width: number;
  painter: Painter;
  /** Rows drawn after a separator, highlighted (totals). */
  footer?: number;
}

function cutStart(s: string, width: number): string {
  if (visibleWidth(s) <= width) return s;
  const chars = [...s];
  let out = '';
  for (let i = chars.length - 1; i >= 0 && visibleWidth(chars[i] + out) <= width - 1; i--) out = chars[i] + out;
  return '…' + out;
}

function cut(s: string, width: number): string {
  if (visibleWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (visibleWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

function pad(s: string, width: number, align: 'left' | 'right'): string {
  const gap = Math.max(0, width - visibleWidth(s));
  return align === 'right' ? ' '.repeat(gap) + s : s + ' '.repeat(gap);
}

/** Leaves out droppable columns (highest rank first) while the natural width exceeds the terminal. */
function fitColumns<R>(columns: readonly Column<R>[], rows: readonly R[], width: number): Column<R>[] {
  let kept = [...columns];
  const natural = (cols: readonly Column<R>[]) =>
    cols.reduce((sum, c) => sum + Math.max(visibleWidth(c.header), ...rows.map((r) => Math.max(0, ...[c.cell(r)].flat().map(visibleWidth)))), 0) + 4 + 3 * (cols.length - 1);
  const ranks = [...new Set(columns.map((c) => c.drop).filter((d): d is number => d !== undefined))].sort((a, b) => b - a);
  for (const rank of ranks) {
    if (natural(kept) <= width) break;
    kept = kept.filter((c) => c.drop !== rank);
  }
  return kept;
}

export function renderTable<R>(allColumns: readonly Column<R>[], rows: readonly R[], options: TableOptions): string {
  const { painter } = options;
  const columns = fitColumns(allColumns, rows, options.width);
  const cells = rows.map((r) => columns.map((c) => [c.cell(r)].flat()));
  const widths = columns.map((c, i) => Math.max(visibleWidth(c.header), ...cells.map((row) => Math.max(0, ...row[i]!.map(visibleWidth)))));
  // borders: "│ " + cells joined by " │ " + " │"
  const frame = 4 + 3 * (columns.length - 1);
  let excess = widths.reduce((a, b) => a + b, 0) + frame - options.width;
  // take width from the widest flexible column, one character at a time, down to its header (at least 6)
  const flexible = columns.map((c, i) => (c.flexible ? i : -1)).filter((i) => i >= 0);
  const floor = (i: number) => Math.max(6, visibleWidth(columns[i]!.header));
  while (excess > 0) {
    const widest = flexible.filter((i) => widths[i]! > floor(i)).sort((a, b) => widths[b]! - widths[a]!)[0];
    if (widest === undefined) break;
    widths[widest]!--;
    excess--;
  }
  const line = (l: string, m: string, r: string) => painter.paint('gray', l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r);
  const bar = painter.paint('gray', '│');
  const rowLines = (values: string[][], style?: 'yellow') => {
    const height = Math.max(1, ...values.map((v) => v.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      const parts = values.map((v, i) => {
        const text = pad((columns[i]!.cutStart ? cutStart : cut)(v[k] ?? '', widths[i]!), widths[i]!, columns[i]!.align ?? 'left');
        return style ? painter.paint(style, text) : text;
      });
      out.push(`${bar} ${parts.join(` ${bar} `)} ${bar}`);
    }
    return out;
  };
  const out = [line('┌', '┬', '┐'), ...rowLines(columns.map((c) => [painter.paint('cyan', c.header)])), line('├', '┼', '┤')];
  const footer = options.footer ?? 0;
  cells.forEach((values, i) => {
    if (footer > 0 && i === cells.length - footer) out.push(line('├', '┼', '┤'));
    out.push(...rowLines(values, footer > 0 && i >= cells.length - footer ? 'yellow' : undefined));
  });
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}
