// xbar (https://xbarapp.com, the successor of BitBar) plugin output; SwiftBar reads the same syntax (see
// swiftbar.ts). Rules: every line is `text | key=value key=value…` (the part after `|` optional, values
// with spaces in double quotes); lines before the first `---` are the menu-bar title, the rest is the
// dropdown; `---` alone draws a separator. So text never contains `|` and never starts with `--`
// (a submenu). Actions: `shell=` (xbar) or `bash=` (SwiftBar) with `param1=`… and `terminal=false`;
// `refresh=true` re-runs the plugin.
import type { BarView } from '../../app/bar.ts';
import { costLines, headline, LEVEL_HEX, levelOf, NO_DATA_HINT, windowDetail, type BarContext } from './shared.ts';

export interface MenuFlavour {
  /** The action key for running a program: xbar `shell`, SwiftBar `bash`. */
  run: 'shell' | 'bash';
  /** Extra parameters of the title line (SwiftBar: an SF Symbol). */
  title: Record<string, string>;
}

const XBAR: MenuFlavour = { run: 'shell', title: {} };

export function xbar(v: BarView, ctx: BarContext): string {
  return menu(v, ctx, XBAR);
}

/** One line: text made safe (no `|`, no leading `-`), then its parameters. */
export function line(text: string, params: Record<string, string | undefined> = {}): string {
  const safe = text.replace(/\|/g, '¦').replace(/^-+/, (d) => d.replace(/-/g, '‐')).trim();
  const kv = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, val]) => `${k}=${/^[^\s"|]+$/.test(val) ? val : `"${val.replace(/"/g, '\\"')}"`}`);
  return kv.length ? `${safe} | ${kv.join(' ')}` : safe;
}

/** Colour only what needs attention: a calm value keeps the menu bar's own colour. */
function attention(percent: number | null): string | undefined {
  const level = levelOf(percent);
  return level === 'ok' || level === 'unknown' ? undefined : LEVEL_HEX[level];
}

export function menu(v: BarView, ctx: BarContext, flavour: MenuFlavour): string {
  const out = [line(headline(v), { color: attention(v.binding?.usedPercent ?? null), ...flavour.title }), '---'];
  if (!v.hasData) out.push(line(NO_DATA_HINT));
  for (const w of v.windows) out.push(line(windowDetail(w, v), { color: attention(w.usedPercent) }));
  for (const n of v.notes) out.push(line(n, { size: '11' }));
  if (v.hasData) out.push('---', ...costLines(v).map((l) => line(l)));
  if (v.planVerdict) out.push(line(`Plan: ${v.planVerdict}`));
  const run = (...args: string[]) => ({ [flavour.run]: ctx.node, ...Object.fromEntries([ctx.script, ...args].map((a, i) => [`param${i + 1}`, a])), terminal: 'false' });
  out.push('---', line('Open dashboard', run('serve', '--open')), line('Refresh', { refresh: 'true' }));
  return out.join('\n');
}
