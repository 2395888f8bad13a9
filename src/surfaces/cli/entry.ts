// Process entry of the bundled CLI (dist/main.js), loaded by bin/ccmeter.js after its Node version check.
import { main } from './main.ts';
import { processIO } from './io.ts';

process.exitCode = await main(process.argv.slice(2), processIO());
