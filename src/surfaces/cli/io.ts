// The CLI's view of the world: streams, environment, terminal width, clock. Injected, so tests run the CLI
// in-process with fixed values.
import { colorEnabled, painter, type Painter } from '../render/style.ts';

export interface CliIO {
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
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
  const { fstatSync, readFileSync } = await import('node:fs');
  // a terminal (or /dev/null): nothing piped. Asked of fd 0 itself: process.stdin would build a stream
  if (fstatSync(0, { throwIfNoEntry: false })?.isCharacterDevice() ?? true) return null;
  try {
    return readFileSync(0, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN' || code === 'EOF' || code === 'EISDIR') return '';
    throw e;
  }
}

function processNow(): number {
  const fixed = process.env['CCMETER_NOW'];
  const t = fixed ? Date.parse(fixed) : NaN;
  return Number.isFinite(t) ? t : Date.now();
}

/**
 * The process's streams for the CLI: writes go straight to the file descriptor. process.stdout on a pipe
 * is a net.Socket, and building one loads Node's stream and network modules (5–10 ms, a tenth of the
 * statusline's budget); a synchronous write also cannot be lost by an early exit. The stream objects are
 * made only if asked for (isTTY, columns), or to queue what a full non-blocking pipe refuses.
 */
export function fdProcessIO(): CliIO {
  return { readStdin: readProcessStdin, env: process.env, stdout: fdWriter(1), stderr: fdWriter(2), now: processNow };
}

/** True once a write was left queued in a stream (a full non-blocking pipe): the process must not exit before it drains. */
let outputQueued = false;
export const fdOutputQueued = (): boolean => outputQueued;

function fdWriter(fd: 1 | 2): CliIO['stdout'] {
  let listening = false;
  const stream = () => {
    const s = fd === 1 ? process.stdout : process.stderr;
    if (!listening) {
      listening = true;
      // the reader went away (`ccmeter daily --json | head`): stop there, as `cat` would, without a stack trace
      s.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') throw e;
      });
    }
    return s;
  };
  let queued = false; // once the stream holds bytes, everything after goes behind them, in order
  let tty: boolean | undefined;
  return {
    write(s: string): boolean {
      if (queued) return stream().write(s);
      const { writeSync } = process.getBuiltinModule('node:fs');
      let bytes: Buffer | null = null;
      let done = 0;
      try {
        // the string as it is (no Buffer copy: 12 ms for a 2 MB report); a partial write, only possible on a
        // non-blocking pipe, continues from a Buffer
        done = writeSync(fd, s);
        if (done === Buffer.byteLength(s)) return true;
        bytes = Buffer.from(s);
        while (done < bytes.length) done += writeSync(fd, bytes, done);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') return false; // the reader is gone (`ccmeter daily | head`): nothing to tell it
        if (code !== 'EAGAIN') throw e;
        queued = true; // a non-blocking pipe that is full: let the stream wait for room
        outputQueued = true;
        return stream().write(bytes ? bytes.subarray(done) : done === 0 ? s : Buffer.from(s).subarray(done));
      }
      return true;
    },
    get isTTY() {
      return (tty ??= isTerminal(fd));
    },
    get columns() {
      return fd === 1 ? process.stdout.columns : fd === 2 ? process.stderr.columns : undefined;
    },
  };
}

/**
 * Whether `fd` is a terminal, without building process.stdout (node:tty's isatty would load the network
 * modules the fd writer avoids): a character device other than /dev/null.
 */
function isTerminal(fd: number): boolean {
  const { fstatSync, statSync } = process.getBuiltinModule('node:fs');
  try {
    const st = fstatSync(fd);
    return st.isCharacterDevice() && st.rdev !== statSync('/dev/null', { throwIfNoEntry: false })?.rdev;
  } catch {
    return false;
  }
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
