// Process entry for the usage reports, `ccmeter daily` … `ccmeter models` (dist/report.js): the launcher
// loads it instead of the full CLI. One file: the split CLI needs some 27 module files for a report, and
// the ES module loader spends about half a millisecond resolving and linking each. The program is the
// full CLI's (program.ts) with only these commands, so flags, help and errors are the same.
import { phase } from '../../shared/timing.ts';
import { fdProcessIO } from './io.ts';
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
