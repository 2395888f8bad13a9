import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoFromMs } from '../../src/shared/iso-time.ts';

test('isoFromMs writes what Date#toISOString writes', () => {
  const fixed = [0, -1, 1, 951_782_400_000 /* 2000-02-29 */, 4_107_542_399_999, Date.parse('2026-11-26T12:34:56.789Z'), -62_167_219_200_000, 253_402_300_799_999, Date.parse('1900-03-01T00:00:00Z')];
  for (const ms of fixed) assert.equal(isoFromMs(ms), new Date(ms).toISOString(), String(ms));
  let seed = 99;
  for (let i = 0; i < 20_000; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const ms = Math.floor((seed / 2147483648 - 0.3) * 2e13) + (i % 1000);
    assert.equal(isoFromMs(ms), new Date(ms).toISOString(), String(ms));
  }
  // outside four-digit years, and fractions, Date decides
  assert.equal(isoFromMs(253_402_300_800_000), new Date(253_402_300_800_000).toISOString());
  assert.equal(isoFromMs(1.5), new Date(1.5).toISOString());
});
