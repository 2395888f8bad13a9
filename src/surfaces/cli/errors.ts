// The one place errors are printed: known failures as `error: …` with a hint (exit 1), usage errors
// (exit 2); anything else is a bug and keeps its stack.
import { CcmeterError, UsageError } from '../../shared/errors.ts';
import { stderrPainter, type CliIO } from './io.ts';

export function reportError(e: unknown, io: CliIO): number {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    // the parser has printed its message (commander errors, tested by code so the statusline entry need not load it)
    return code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help' ? 0 : 2;
  }
  const p = stderrPainter(io);
  if (e instanceof CcmeterError) {
    io.stderr.write(`${p.paint('red', 'error:')} ${e.message}\n`);
    if (e.hint) io.stderr.write(`${p.paint('gray', 'hint:')} ${e.hint}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOSPC') {
    io.stderr.write(`${p.paint('red', 'error:')} the disk is full (${err.message}); the ledger was not changed by the failed write.\n`);
    return 1;
  }
  if (err?.code === 'EPIPE') return 0; // the reader went away (ccmeter daily | head)
  io.stderr.write(`${p.paint('red', 'ccmeter crashed (a bug; please report it):')}\n${err?.stack ?? String(e)}\n`);
  return 1;
}

