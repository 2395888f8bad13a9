// i3blocks (https://vivien.github.io/i3blocks/#_blocks): a block prints up to three lines: full_text,
// short_text (used when the bar is crowded), and the colour (#RRGGBB). Plain text (markup is off by default).
import type { BarView } from '../../app/bar.ts';
import { headline, LEVEL_HEX, levelOf, summaryParts, windowShort } from './shared.ts';

export function i3blocks(v: BarView): string {
  const full = summaryParts(v).map((p) => p.text).join(' · ');
  const short = v.binding ? windowShort(v.binding, false) : v.hasData ? headline(v) : 'ccmeter ?';
  return [full, short, LEVEL_HEX[levelOf(v.binding?.usedPercent ?? null)]].join('\n');
}
