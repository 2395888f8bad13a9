// Process entry for the usage reports, `ccmeter daily` … `ccmeter models` (dist/report.js): the launcher
// loads it instead of the full CLI. One file: the split CLI needs some 27 module files for a report, and
// the ES module loader spends about half a millisecond resolving and linking each. The program is the
// full CLI's (program.ts) with only these commands, so flags, help and errors are the same.
import { phase } from '../../shared/timing.ts';
import { fdOutputQueued, fdProcessIO } from './io.ts';
import { reportError } from './errors.ts';
import { addReportCommands, cliProgram } from './program.ts';

phase('load modules');
const io = fdProcessIO();
let code = 0;
const program = cliProgram(io);
addReportCommands(program, io, (c) => (code = c));
try {
  await program.parseAsync(['node', 'ccmeter', ...process.argv.slice(2)]);
  process.exitCode = code;
} catch (e) {
  process.exitCode = reportError(e, io);
}
phase('answer');
// the answer is written and the ledger closed: exiting now skips Node's teardown, where V8 finishes a
// garbage collection this process no longer needs (7 ms of a 120 ms `sessions --json`); not while output
// waits in a stream for a full pipe to drain
if (!fdOutputQueued()) process.exit();
