// Each bar format's rules, as checks returning what breaks them (an empty list when the output is valid).

const XBAR_PARAMS = /^(color|font|size|shell|bash|param\d+|terminal|refresh|sfimage|href|length|trim|dropdown|emojize|symbolize)$/;

/** xbar / SwiftBar: `text | key=value …` lines, a title before the first `---`, no stray submenu markers. */
export function xbarProblems(out: string): string[] {
  const lines = out.replace(/\n$/, '').split('\n');
  const problems: string[] = [];
  if (!out.endsWith('\n')) problems.push('no final newline');
  if (lines[0] === '---' || !lines.includes('---')) problems.push('needs a title line, then `---` before the dropdown');
  for (const l of lines) {
    if (l === '---') continue;
    const m = /^([^|]*?)(?: \| (.*))?$/.exec(l);
    if (!m || m[1]!.trim() === '') problems.push(`no text: ${l}`);
    if (l.startsWith('--')) problems.push(`reads as a submenu item: ${l}`);
    const params = m?.[2]?.match(/\w+=("[^"]*"|\S+)/g) ?? [];
    if ((m?.[2] ?? '').replace(/\w+=("[^"]*"|\S+)/g, '').trim() !== '') problems.push(`malformed parameters: ${l}`);
    for (const p of params) if (!XBAR_PARAMS.test(p.split('=')[0]!)) problems.push(`unknown parameter ${p}`);
  }
  return problems;
}

/** Waybar `return-type: json`: one line, one object with the documented keys and types, Pango-safe text. */
export function waybarProblems(out: string): string[] {
  const problems: string[] = [];
  if (out.split('\n').length !== 2 || !out.endsWith('\n')) problems.push('not exactly one line');
  const o = JSON.parse(out) as Record<string, unknown>;
  if (JSON.stringify(Object.keys(o).sort()) !== JSON.stringify(['alt', 'class', 'percentage', 'text', 'tooltip'])) problems.push(`keys: ${Object.keys(o).join(', ')}`);
  for (const k of ['text', 'tooltip', 'alt', 'class']) if (typeof o[k] !== 'string') problems.push(`${k} is not a string`);
  if (!Number.isInteger(o['percentage']) || (o['percentage'] as number) < 0 || (o['percentage'] as number) > 100) problems.push('percentage is not an integer from 0 to 100');
  if (!['ok', 'warning', 'high', 'critical', 'nodata'].includes(o['class'] as string)) problems.push(`class ${String(o['class'])}`);
  for (const k of ['text', 'tooltip']) if (/<|&(?!amp;|lt;|gt;)/.test(String(o[k]))) problems.push(`${k} has unescaped Pango markup`);
  return problems;
}

const TMUX_STYLE = /^(default|(fg|bg)=(default|black|red|green|yellow|blue|magenta|cyan|white|colour\d{1,3}|#[0-9a-f]{6})|bold|nobold|dim|nodim)$/;

/** tmux: only `#[style]` codes with valid styles; every other `#` doubled. */
export function tmuxProblems(out: string): string[] {
  const problems: string[] = [];
  if (out.split('\n').length !== 2) problems.push('not exactly one line');
  for (const m of out.matchAll(/#\[([^\]]*)\]/g)) for (const style of m[1]!.split(',')) if (!TMUX_STYLE.test(style)) problems.push(`invalid style ${style}`);
  const rest = out.replace(/#\[[^\]]*\]/g, '').replace(/##/g, '');
  if (rest.includes('#')) problems.push('a single # outside a style (tmux would read a format)');
  return problems;
}

/** Polybar: one line; the only tags are foreground colours and their reset. */
export function polybarProblems(out: string): string[] {
  const problems: string[] = [];
  if (out.split('\n').length !== 2) problems.push('not exactly one line');
  for (const m of out.matchAll(/%\{([^}]*)\}/g)) if (!/^F(#[0-9a-f]{6}|-)$/.test(m[1]!)) problems.push(`unexpected tag %{${m[1]}}`);
  const opened = (out.match(/%\{F#/g) ?? []).length, closed = (out.match(/%\{F-\}/g) ?? []).length;
  if (opened !== closed) problems.push('a colour is not reset');
  return problems;
}

/** i3blocks: full_text, short_text and a #RRGGBB colour, one per line. */
export function i3blocksProblems(out: string): string[] {
  const lines = out.replace(/\n$/, '').split('\n');
  const problems: string[] = [];
  if (lines.length !== 3) problems.push(`${lines.length} lines, not 3`);
  if (!lines[0] || !lines[1]) problems.push('empty text');
  if ((lines[1] ?? '').length > (lines[0] ?? '').length) problems.push('short_text is longer than full_text');
  if (!/^#[0-9a-f]{6}$/i.test(lines[2] ?? '')) problems.push(`colour ${lines[2]}`);
  return problems;
}

export const RULES: Record<string, (out: string) => string[]> = {
  xbar: xbarProblems,
  swiftbar: xbarProblems,
  waybar: waybarProblems,
  polybar: polybarProblems,
  i3blocks: i3blocksProblems,
  tmux: tmuxProblems,
};
