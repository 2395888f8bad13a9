// File snapshots for output layouts: test/bar/snapshots/<name>.txt, compared exactly. UPDATE_SNAPSHOTS=1
// rewrites them (review the diff before committing).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.join(import.meta.dirname, 'snapshots');

export function matchSnapshot(name: string, actual: string): void {
  const file = path.join(DIR, `${name}.txt`);
  if (process.env['UPDATE_SNAPSHOTS'] === '1') {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `no snapshot ${file}: run with UPDATE_SNAPSHOTS=1 to write it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from ${path.relative(process.cwd(), file)} (UPDATE_SNAPSHOTS=1 rewrites it)`);
}
