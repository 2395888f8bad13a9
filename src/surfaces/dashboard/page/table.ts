// Tables: plain ones (the text alternative of each chart) and sortable ones (projects, sessions), whose
// column headers are buttons (keyboard-operable) and carry aria-sort.
import { h, replace } from './dom.ts';

export interface Column<T> {
  label: string;
  /** What the column sorts by. */
  sort: (row: T) => string | number;
  /** What the cell shows (default: the sort value). */
  cell?: (row: T) => Node | string;
  numeric?: boolean;
}

/** A table in a box that scrolls sideways on a narrow window (keyboard-scrollable too). */
export function scrollBox(label: string, table: HTMLElement): HTMLElement {
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': label }, table);
}

export function simpleTable(caption: string, head: readonly string[], rows: readonly (readonly (string | Node)[])[], numericFrom = 1): HTMLElement {
  return scrollBox(caption, h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((c, i) => h('th', { scope: 'col', class: i >= numericFrom ? 'num' : null }, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', { class: i >= numericFrom ? 'num' : null }, c)))))),
  ));
}

export interface SortState {
  column: number;
  descending: boolean;
}

/** A table sorted by clicking its headers; shows the first `page` rows of the sorted list, and more on request. */
export function sortableTable<T>(caption: string, columns: readonly Column<T>[], rows: readonly T[], state: SortState, page: number): HTMLElement {
  let limit = page;
  const tbody = h('tbody');
  const note = h('p', { class: 'note', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button', onclick: () => ((limit += page), render()) });
  const heads = columns.map((c, i) =>
    h('th', { scope: 'col', class: c.numeric ? 'num' : null }, h('button', { type: 'button', class: 'sort', onclick: () => sortBy(i) }, c.label)),
  );
  function render(): void {
    const col = columns[state.column]!;
    const sorted = [...rows].sort((a, b) => {
      const x = col.sort(a), y = col.sort(b);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return state.descending ? -order : order;
    });
    heads.forEach((th, i) => th.setAttribute('aria-sort', i === state.column ? (state.descending ? 'descending' : 'ascending') : 'none'));
    replace(tbody, ...sorted.slice(0, limit).map((r) => h('tr', {}, ...columns.map((c, i) => h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.numeric ? 'num' : null }, c.cell ? c.cell(r) : String(c.sort(r)))))));
    note.textContent = rows.length > limit ? `Showing ${limit} of ${rows.length} rows, sorted by ${col.label.toLowerCase()}.` : '';
    more.hidden = rows.length <= limit;
    more.textContent = `Show ${Math.min(page, rows.length - limit)} more`;
  }
  function sortBy(i: number): void {
    if (state.column === i) state.descending = !state.descending;
    else Object.assign(state, { column: i, descending: Boolean(columns[i]!.numeric) });
    render();
  }
  render();
  return h('div', {}, scrollBox(caption, h('table', {}, h('caption', {}, caption), h('thead', {}, h('tr', {}, ...heads)), tbody)), note, more);
}
