// A one-line progress indicator on stderr for long ingests, only when someone is watching (a terminal).
import type { CliIO } from './io.ts';
import { groupDigits } from '../../shared/digits.ts';

export function ingestProgress(io: CliIO): ((done: { files: number; bytes: number }, total: { files: number; bytes: number }) => void) | undefined {
  if (!io.stderr.isTTY) return undefined;
  const started = io.now();
  let shown = false;
  return (done, total) => {
    if (!shown && io.now() - started < 700) return; // quick runs show nothing
    shown = true;
    const mb = (n: number) => (n / 1e6).toFixed(0);
    const line = `Reading Claude Code logs: ${groupDigits(done.files)} of ${groupDigits(total.files)} files, ${mb(done.bytes)} of ${mb(total.bytes)} MB`;
    io.stderr.write(`\r\u001b[2K${line}${done.files >= total.files ? '\r\u001b[2K' : ''}`);
  };
}
