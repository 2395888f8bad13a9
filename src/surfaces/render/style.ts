// Colour, honouring NO_COLOR, FORCE_COLOR, --no-color and whether the stream is a terminal.
import { styleText } from 'node:util';

export type Style = Parameters<typeof styleText>[0];

export interface Painter {
  enabled: boolean;
  paint(style: Style, text: string): string;
}

export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean, flag?: boolean): boolean {
  if (flag === false) return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false') return true;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') return false;
  return isTTY && env['TERM'] !== 'dumb';
}

export function painter(enabled: boolean): Painter {
  return {
    enabled,
    paint: (style, text) => (enabled ? styleText(style, text, { validateStream: false }) : text),
  };
}

/** Visible width of a string: ANSI escapes take none; wide (CJK, emoji) characters take two. */
export function visibleWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  const plain = s.replace(/\u001b\[[0-9;]*m/g, '');
  let w = 0;
  for (const ch of plain) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x300 && c < 0x370) || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f)) continue;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}
