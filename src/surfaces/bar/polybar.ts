// Polybar `custom/script` module (https://github.com/polybar/polybar/wiki/Module:-script): one line per run;
// format tags in the output are honoured, so each limit is coloured with `%{F#rrggbb}…%{F-}`. Polybar has
// no escape: a `%` is literal unless `{` follows it (so `42%%{F-}` is "42%" then a tag), and the text
// never holds a `%{` of its own.
import type { BarView } from '../../app/bar.ts';
import { LEVEL_HEX, summaryParts } from './shared.ts';

export function polybar(v: BarView): string {
  return summaryParts(v)
    .map((p) => (p.level === 'unknown' ? p.text : `%{F${LEVEL_HEX[p.level]}}${p.text.replace(/%\{/g, '% {')}%{F-}`))
    .join(' · ');
}
