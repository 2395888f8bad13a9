// The terminal bell, for `ccmeter watch` and anything else showing alerts in a terminal: one BEL character,
// only on a terminal (never into a pipe or a file).

export interface BellStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** Rings the bell on `out` when it is a terminal; returns whether it rang. */
export function ringBell(out: BellStream): boolean {
  if (!out.isTTY) return false;
  out.write('\u0007');
  return true;
}
