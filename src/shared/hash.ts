// A fast non-cryptographic hash (64-bit FNV-1a, as hex) for identities that only need to differ when the
// input differs: price-table fingerprints, file heads. Plain JS, so the statusline need not load node:crypto.

const PRIME_LO = 0x1b3;
const PRIME_HI = 0x100; // 64-bit FNV prime 0x100000001b3, as 16-bit-friendly halves

/** FNV-1a 64 of the UTF-16 code units of `s` (or the bytes of a Uint8Array), 16 hex digits. */
export function fnv1a64(input: string | Uint8Array, start = 0, end = input.length): string {
  // 64-bit state as four 16-bit limbs (h3 h2 h1 h0), offset basis 0xcbf29ce484222325
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  const isString = typeof input === 'string';
  for (let i = start; i < end; i++) {
    const c = isString ? (input as string).charCodeAt(i) : (input as Uint8Array)[i]!;
    h0 ^= c & 0xff;
    if (isString && c > 0xff) h1 ^= c >>> 8;
    // multiply by 0x100000001b3 = (PRIME_HI << 32) + PRIME_LO, modulo 2^64
    const t0 = h0 * PRIME_LO;
    const t1 = h1 * PRIME_LO;
    const t2 = h2 * PRIME_LO + h0 * PRIME_HI;
    const t3 = h3 * PRIME_LO + h1 * PRIME_HI;
    h0 = t0 & 0xffff;
    const c1 = t1 + (t0 >>> 16);
    h1 = c1 & 0xffff;
    const c2 = t2 + (c1 >>> 16);
    h2 = c2 & 0xffff;
    h3 = (t3 + (c2 >>> 16)) & 0xffff;
  }
  return [h3, h2, h1, h0].map((x) => x.toString(16).padStart(4, '0')).join('');
}
