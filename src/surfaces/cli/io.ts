// The CLI's view of the world: streams, environment, terminal width, clock. Injected, so tests run the CLI
// in-process with fixed values.
import { colorEnabled, painter, type Painter } from '../render/style.ts';

export interface CliIO {
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Epoch ms; `CCMETER_NOW` (ISO) fixes it for tests and demos. */
  now(): number;
}

export function processIO(): CliIO {
  return {
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
