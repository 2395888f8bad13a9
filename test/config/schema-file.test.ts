import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

test('config.schema.json is generated from the zod schema and current', () => {
  const r = spawnSync(process.execPath, [path.join(import.meta.dirname, '../../scripts/build-config-schema.ts'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
