// Process entry for `ccmeter statusline` (dist/statusline.js): the launcher loads it directly, skipping the
// command-line parser, because Claude Code runs this after every message and start-up is most of its time.
import { phase } from '../../shared/timing.ts';
import { fdProcessIO, readProcessStdin } from './io.ts';
import { statusLineCommand } from './commands/statusline.ts';
import { reportError } from './errors.ts';

phase('load modules');
const io = { ...fdProcessIO(), readStdin: readProcessStdin };
try {
  process.exitCode = await statusLineCommand({ json: process.argv.includes('--json') }, io);
} catch (e) {
  process.exitCode = reportError(e, io);
}
phase('print');
