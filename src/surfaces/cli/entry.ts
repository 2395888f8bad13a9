// Process entry of the bundled CLI (dist/main.js), loaded by bin/ccmeter.js after its Node version check.
import { phase } from '../../shared/timing.ts';
import { main } from './main.ts';

phase('load modules');
import { fdProcessIO } from './io.ts';

process.exitCode = await main(process.argv.slice(2), fdProcessIO());
phase('answer');
