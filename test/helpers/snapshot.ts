// File snapshots that reviewers read in diffs. UPDATE_SNAPSHOTS=1 rewrites them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function matchSnapshot(actual: string, file: string): void {
  if (process.env['UPDATE_SNAPSHOTS'] === '1' || !existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `differs from ${path.relative(process.cwd(), file)} (UPDATE_SNAPSHOTS=1 to accept)`);
}
