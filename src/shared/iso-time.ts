// UTC instants as ISO 8601 text (2026-11-26T12:34:56.789Z) by integer arithmetic: Date#toISOString costs
// about 1.5 µs a call here, which two timestamps per row make a tenth of a warm `sessions` report.

/** '00' … '99': a table lookup per field, joined with +, costs a fifth of padStart and template literals. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + i);
const MILLIS_PAD = ['00', '0', ''];

/** The same text as `new Date(ms).toISOString()` for years 0000–9999; other instants go through Date. */
export function isoFromMs(ms: number): string {
  if (!(ms >= -62_167_219_200_000 && ms < 253_402_300_800_000) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  // civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted)
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  const yyyy = year >= 1000 ? '' + year : String(year).padStart(4, '0');
  const D = TWO_DIGITS;
  return yyyy + '-' + D[month]! + '-' + D[day]! + 'T' + D[h]! + ':' + D[m]! + ':' + D[s]! + '.' + MILLIS_PAD[milli < 10 ? 0 : milli < 100 ? 1 : 2]! + milli + 'Z';
}
