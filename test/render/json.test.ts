import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonPieces } from '../../src/surfaces/render/json.ts';

const reference = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

test('jsonPieces joined are the bytes of JSON.stringify(value, null, 2) plus a newline', () => {
  const values: unknown[] = [
    { rows: [{ key: '2026-01-01', costUSD: 0.1 + 0.2, models: ['opus'] }], totals: { requests: 3 }, warnings: ['Claude Code 2.1.11–2.1.29 …'] },
    { rows: [], totals: {}, warnings: [] },
    {},
    { only: 'one' },
    { skipped: undefined, fn: () => 1, kept: null, nested: { deep: [1, [2, { x: 'é' }]] } },
    { a: undefined },
    { 2: 'integer keys first', b: 1, 1: 'one' },
    { date: new Date(0), big: 1e21, neg: -0 },
    [1, { a: 2 }],
    'text',
    42,
    null,
    { toJSON: () => ({ replaced: true }) },
  ];
  for (const v of values) assert.equal(jsonPieces(v).join(''), reference(v), JSON.stringify(v));
});

test('a member with a character beyond Latin-1 does not share a piece with the others', () => {
  const pieces = jsonPieces({ rows: [{ key: 'abc' }], warnings: ['2.1.11–2.1.29'] });
  const rows = pieces.find((p) => p.includes('"rows"'))!;
  const warnings = pieces.find((p) => p.includes('"warnings"'))!;
  assert.notEqual(rows, warnings);
  assert.ok(!rows.includes('–'));
  assert.equal(pieces.join(''), '{\n  "rows": [\n    {\n      "key": "abc"\n    }\n  ],\n  "warnings": [\n    "2.1.11–2.1.29"\n  ]\n}\n');
});

test('a long array member is written in chunks with the same bytes', () => {
  const rows = Array.from({ length: 1000 }, (_, i) => ({ key: `k${i}`, cost: i / 7, models: ['opus', 'é'], nested: { deep: [i, null] } }));
  const odd: unknown[] = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? undefined : i % 3 === 1 ? () => i : [i]));
  for (const v of [{ rows, totals: { n: 1 }, warnings: ['–'] }, { rows: rows.slice(0, 257) }, { rows: rows.slice(0, 256) }, { odd }, { a: 1, rows, z: [] }]) {
    const pieces = jsonPieces(v);
    assert.equal(pieces.join(''), reference(v));
  }
  // the rows of a 1,000-row report are several pieces, none of them the whole report
  const pieces = jsonPieces({ rows });
  assert.ok(pieces.length > 4);
  assert.ok(Math.max(...pieces.map((p) => p.length)) < reference({ rows }).length / 2);
});
