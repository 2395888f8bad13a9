// Warnings on stderr: wrapped under their label on a terminal, one line each for a script that reads them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printWarnings } from '../../src/surfaces/cli/shared.ts';
import type { CliIO } from '../../src/surfaces/cli/io.ts';

const TEXT = 'Your current plan is not known (no Claude Code login found): lockouts use the published capacities. Pass --current pro|max_5x|max_20x to say it.';

function stderrOf(isTTY: boolean, columns?: number): string {
  let out = '';
  const io: CliIO = { env: { NO_COLOR: '1' }, now: () => 0, stdout: { write: () => true }, stderr: { write: (s: string) => (out += s), isTTY, ...(columns ? { columns } : {}) } };
  printWarnings(io, [TEXT, 'short one']);
  return out;
}

test('on a terminal a long warning wraps under its label; a short one stays on its line', () => {
  const lines = stderrOf(true, 60).trimEnd().split('\n');
  assert.ok(lines.length > 3);
  assert.ok(lines.every((l) => l.length <= 60), lines.join('\n'));
  assert.ok(lines[0]!.startsWith('warning: Your current plan'));
  assert.ok(lines.slice(1, -1).every((l) => l.startsWith('         ') && l[9] !== ' '));
  assert.equal(lines.at(-1), 'warning: short one');
  assert.equal(lines.map((l) => l.replace(/^warning: | {9}/, '')).slice(0, -1).join(' '), TEXT);
});

test('into a pipe or a file each warning is one line', () => {
  assert.equal(stderrOf(false, 60), `warning: ${TEXT}\nwarning: short one\n`);
  assert.equal(stderrOf(true), `warning: ${TEXT}\nwarning: short one\n`, 'a terminal of unknown width: not wrapped');
});
