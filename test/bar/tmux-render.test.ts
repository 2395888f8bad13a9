// The tmux segment as tmux draws it: a tmux whose status-right runs `ccmeter bar --format tmux`, attached
// inside a second terminal so its status line can be read: the styles are consumed, the text is intact.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { openTerminal, tmuxSocket } from '../watch/tmux.ts';
import { barFixture } from './fixture.ts';

test('tmux draws the segment in its status line, in colour, with every code consumed', async (t) => {
  const env = await barFixture(t, 'full');
  const segment = path.join(tempDir(t), 'segment.sh');
  const exports = Object.entries(env).map(([k, v]) => `export ${k}='${v}'`);
  writeFileSync(segment, [...exports, `exec '${process.execPath}' '${path.join(ROOT, 'bin/ccmeter.js')}' bar --format tmux`].join('\n') + '\n');
  const inner = ['-S', tmuxSocket(t), '-f', '/dev/null'];
  spawnSync('tmux', [...inner, 'new-session', '-d', '-x', '100', '-y', '5', 'sleep 600']);
  for (const [option, value] of [['status-right', `#(sh ${segment})`], ['status-right-length', '100'], ['status-interval', '1'], ['status-style', 'default']]) {
    spawnSync('tmux', [...inner, 'set', '-g', option!, value!]);
  }
  const term = openTerminal(t, 100, 6);
  term.type(`env -u TMUX TERM=screen tmux ${inner.join(' ')} attach`);
  const rows = await term.waitFor(/\$0\.07 today$/m);
  assert.match(rows.at(-1)!, / 5h 62% · 7d 81% ↻3d03h · \$0\.07 today$/);
  assert.match(term.styled(), /\u001b\[33m5h 62%\u001b\[39m · \u001b\[38;5;208m7d 81% ↻3d03h\u001b\[39m · \$0\.07 today/);
});
