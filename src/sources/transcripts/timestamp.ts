// ISO-8601 timestamps as Claude Code writes them, in any fraction length and with `Z` or an offset.
// ccusage drops lines whose fraction is not 0 or 3 digits (facts/transcripts.md §10); we accept them all.
// The scanner parses them straight from the line's bytes; anything unusual goes to Date.parse.

const D0 = 48;

function digits(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let k = at; k < at + n; k++) {
    const d = b[k]! - D0;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Epoch ms of the timestamp in bytes [s, e) (no quotes), or NaN. Fractions beyond ms are truncated. */
export function parseTimestampBytes(b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  // YYYY-MM-DDTHH:MM:SS[.f+](Z|±HH:MM)
  if (len >= 20 && b[s + 4] === 45 && b[s + 7] === 45 && (b[s + 10] === 84 || b[s + 10] === 116) && b[s + 13] === 58 && b[s + 16] === 58) {
    const y = digits(b, s, 4), mo = digits(b, s + 5, 2), d = digits(b, s + 8, 2);
    const h = digits(b, s + 11, 2), mi = digits(b, s + 14, 2), se = digits(b, s + 17, 2);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && se >= 0 && se <= 59) {
      let i = s + 19;
      let ms = 0;
      if (b[i] === 46) {
        i++;
        const fracStart = i;
        while (i < e && b[i]! >= D0 && b[i]! <= D0 + 9) i++;
        if (i === fracStart) return slow(b, s, e);
        const f = digits(b, fracStart, Math.min(3, i - fracStart));
        ms = i - fracStart === 1 ? f * 100 : i - fracStart === 2 ? f * 10 : f;
      }
      let offsetMin = 0;
      const z = b[i];
      if ((z === 90 || z === 122) && i === e - 1) offsetMin = 0;
      else if ((z === 43 || z === 45) && i + 6 === e && b[i + 3] === 58) {
        const oh = digits(b, i + 1, 2), om = digits(b, i + 4, 2);
        if (oh < 0 || om < 0) return slow(b, s, e);
        offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
      } else return slow(b, s, e);
      return Date.UTC(y, mo - 1, d, h, mi, se, ms) - offsetMin * 60_000;
    }
  }
  return slow(b, s, e);
}

function slow(b: Uint8Array, s: number, e: number): number {
  return Date.parse(Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('utf8'));
}

/** Epoch ms of an ISO timestamp string, or NaN. */
export function parseTimestamp(text: string): number {
  const b = Buffer.from(text, 'utf8');
  return parseTimestampBytes(b, 0, b.length);
}
