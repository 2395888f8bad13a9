// The bar formats: one view (app/bar.ts), one renderer per format. Adding a format is a file here and a
// line in this table; the table's type makes a missing renderer a compile error.
import type { BarView } from '../../app/bar.ts';
import { i3blocks } from './i3blocks.ts';
import { polybar } from './polybar.ts';
import type { BarContext } from './shared.ts';
import { swiftbar } from './swiftbar.ts';
import { tmux } from './tmux.ts';
import { waybar } from './waybar.ts';
import { xbar } from './xbar.ts';

export const BAR_FORMATS = ['xbar', 'swiftbar', 'waybar', 'polybar', 'i3blocks', 'tmux', 'json'] as const;
export type BarFormat = (typeof BAR_FORMATS)[number];

export const RENDERERS: { [K in BarFormat]: (v: BarView, ctx: BarContext) => string } = {
  xbar,
  swiftbar,
  waybar,
  polybar,
  i3blocks,
  tmux,
  json: (v) => JSON.stringify(v, null, 2),
};
