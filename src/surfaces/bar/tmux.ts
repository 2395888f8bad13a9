// A tmux `status-right` segment: `set -g status-right '#(ccmeter bar --format tmux)'`. tmux expands the
// output of `#()` as a format: `#[fg=…]` / `#[default]` style it, and a literal `#` must be written `##`
// (a `%` stays as it is: strftime runs before the command's output is inserted).
import type { BarView } from '../../app/bar.ts';
import type { Level } from './shared.ts';
import { summaryParts } from './shared.ts';

/** tmux colour names: the 16 ANSI names and colour0–255 are valid everywhere (`man tmux`, STYLES). */
const FG: Record<Level, string> = { ok: 'green', warning: 'yellow', high: 'colour208', critical: 'red', unknown: 'default' };

export function tmux(v: BarView): string {
  return summaryParts(v)
    .map((p) => {
      const text = p.text.replace(/#/g, '##');
      return p.level === 'unknown' ? text : `#[fg=${FG[p.level]}]${text}#[default]`;
    })
    .join(' · ');
}
