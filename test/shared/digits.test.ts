import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupDigits } from '../../src/shared/digits.ts';

test('groupDigits writes what Intl en-US writes, without loading Intl', () => {
  const values = [0, 1, 12, 123, 1234, 12345, 123456, 1234567, 1234567890, 999.995, 1000.004, 0.125, 2.675, 1e15 + 0.5, -1234.5, -0.001, 380.18143140000006];
  for (const v of values) {
    for (const d of [0, 2]) {
      const intl = v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }).replace(/^-(0(\.0+)?)$/, '$1');
      assert.equal(groupDigits(v, d), intl, `${v} with ${d} decimals`);
    }
  }
  let seed = 42;
  for (let i = 0; i < 5000; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const v = (seed / 2147483648) * 10 ** (i % 9) - (i % 7 === 0 ? 5 : 0);
    const rounded = Math.round(v * 1000) / 1000; // three decimals: the halfway cases of two
    for (const x of [v, rounded]) assert.equal(groupDigits(x, 2), x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/^-(0\.00)$/, '$1'), String(x));
  }
  assert.equal(groupDigits(1234567), '1,234,567');
  assert.equal(groupDigits(380.18143140000006, 2), '380.18');
});
