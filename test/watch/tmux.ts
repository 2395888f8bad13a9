// A terminal for tests: a private tmux server (its own socket), one window running a plain shell, and the
// moves a person makes: type, press keys, read the screen, resize the window.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';

export const PROMPT = 'ccm$ ';

/** A tmux server socket in a temporary folder; after the test, its server is stopped, then the folder removed. */
export function tmuxSocket(t: TestContext): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccmeter-tmux-'));
  const socket = path.join(dir, 'socket');
  t.after(() => {
    spawnSync('tmux', ['-S', socket, 'kill-server']);
    rmSync(dir, { recursive: true, force: true });
  });
  return socket;
}

export interface Terminal {
  /** Types text (literally) and, unless told not to, presses Enter. */
  type(text: string, enter?: boolean): void;
  /** Presses keys by tmux name: `q`, `C-c`. */
  press(...keys: string[]): void;
  /** The visible screen, one string per row, trailing spaces trimmed. */
  screen(): string[];
  /** The visible screen with its colours as ANSI codes. */
  styled(): string;
  /** A tmux format for the pane, e.g. `#{alternate_on}`. */
  display(format: string): string;
  resize(width: number, height: number): void;
  /** Polls the screen until `test` passes; fails with the last screen after `timeoutMs`. */
  waitFor(test: RegExp | ((rows: string[]) => boolean), timeoutMs?: number): Promise<string[]>;
}

export function openTerminal(t: TestContext, width: number, height: number): Terminal {
  const socket = tmuxSocket(t);
  const tmux = (...args: string[]) => {
    const r = spawnSync('tmux', ['-S', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  tmux('new-session', '-d', '-s', 'test', '-x', String(width), '-y', String(height), `env PS1='${PROMPT}' sh`);
  const screen = () => tmux('capture-pane', '-p', '-t', 'test').replace(/\n$/, '').split('\n').map((l) => l.trimEnd());
  return {
    type: (text, enter = true) => {
      tmux('send-keys', '-t', 'test', '-l', text);
      if (enter) tmux('send-keys', '-t', 'test', 'Enter');
    },
    press: (...keys) => void tmux('send-keys', '-t', 'test', ...keys),
    screen,
    styled: () => tmux('capture-pane', '-p', '-e', '-t', 'test'),
    display: (format) => tmux('display-message', '-p', '-t', 'test', format).trim(),
    resize: (w, h) => void tmux('resize-window', '-t', 'test', '-x', String(w), '-y', String(h)),
    async waitFor(test, timeoutMs = 15_000) {
      const pass = typeof test === 'function' ? test : (rows: string[]) => test.test(rows.join('\n'));
      const until = Date.now() + timeoutMs;
      for (;;) {
        const rows = screen();
        if (pass(rows)) return rows;
        if (Date.now() > until) throw new Error(`the screen never matched ${String(test)}:\n${rows.join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
