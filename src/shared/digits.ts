// Thousands separators without Intl: the first Intl call of a process loads ICU data (~20 ms here), which
// a `--json` report or the statusline would otherwise pay for one comma in a warning.

/**
 * 1234567.891 → "1,234,567.89" with `decimals` fraction digits, rounded half away from zero on the shortest
 * decimal form of the number, as Intl does (2.675 → "2.68", where toFixed gives "2.67").
 */
export function groupDigits(n: number, decimals = 0): string {
  const abs = Math.abs(n);
  const shortest = String(abs);
  const fixed = shortest.includes('e') ? abs.toFixed(decimals) : (Math.round(Number(`${shortest}e${decimals}`)) / 10 ** decimals).toFixed(decimals);
  const dot = fixed.indexOf('.');
  const int = dot < 0 ? fixed : fixed.slice(0, dot);
  let out = int.slice(0, ((int.length - 1) % 3) + 1);
  for (let i = out.length; i < int.length; i += 3) out += ',' + int.slice(i, i + 3);
  const negative = n < 0 && /[1-9]/.test(fixed);
  return (negative ? '-' : '') + out + (dot < 0 ? '' : fixed.slice(dot));
}
