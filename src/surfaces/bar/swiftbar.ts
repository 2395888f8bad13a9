// SwiftBar (https://github.com/swiftbar/SwiftBar) plugin output: the xbar syntax (xbar.ts), with SwiftBar's
// names where they differ: actions run with `bash=` and `param1=`…, and the title carries an SF Symbol
// (`sfimage=`, macOS 11+; ignored elsewhere).
import type { BarView } from '../../app/bar.ts';
import type { BarContext } from './shared.ts';
import { menu } from './xbar.ts';

export function swiftbar(v: BarView, ctx: BarContext): string {
  return menu(v, ctx, { run: 'bash', title: { sfimage: 'gauge' } });
}
