// The CLI's view of the world: streams, environment, terminal width, clock. Injected, so tests run the CLI
// in-process with fixed values.
import { colorEnabled, painter, type Painter } from '../render/style.ts';

export interface CliIO {
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Epoch ms; `CCMETER_NOW` (ISO) fixes it for tests and demos. */
  now(): number;
  /** All of stdin, or null when it is a terminal; for the statusline. */
  readStdin?: () => Promise<string | null>;
}

/**
 * All of stdin; null when stdin is a terminal. Read synchronously from fd 0 (no stream machinery: start-up
 * time is the statusline's budget); Claude Code closes the pipe after writing its status JSON.
 */
export async function readProcessStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const { readFileSync } = await import('node:fs');
  try {
    return readFileSync(0, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN' || code === 'EOF' || code === 'EISDIR') return '';
    throw e;
  }
}

export function processIO(): CliIO {
  return {
    readStdin: readProcessStdin,
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => {
      const fixed = process.env['CCMETER_NOW'];
      const t = fixed ? Date.parse(fixed) : NaN;
      return Number.isFinite(t) ? t : Date.now();
    },
  };
}

export function terminalWidth(io: CliIO): number {
  const fromEnv = Number(io.env['COLUMNS']);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  return io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 120;
}

export function stdoutPainter(io: CliIO, colorFlag?: boolean): Painter {
  return painter(colorEnabled(io.env, Boolean(io.stdout.isTTY), colorFlag));
}

export function stderrPainter(io: CliIO, colorFlag?: boolean): Painter {
  return painter(colorEnabled(io.env, Boolean(io.stderr.isTTY), colorFlag));
}
