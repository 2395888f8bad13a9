// Child process for the crash test: ingests in small batches and says "batch" after each commit. A new
// ledger is opened as a first load, as the app does (no fsync until the load ends).
import { existsSync } from 'node:fs';
import { openSqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { ingest } from '../../src/sources/transcripts/ingest.ts';
import { pricer } from './ledger.ts';

const [file, claudeDir] = process.argv.slice(2);
const ledger = openSqliteLedger(file!, { pricer, firstLoad: !existsSync(file!) });
await ingest(ledger, { env: { CLAUDE_CONFIG_DIR: claudeDir }, workers: 0, batchSize: 40, onProgress: () => process.stdout.write('batch\n') });
ledger.finishFirstLoad();
await ledger.close();
process.stdout.write('done\n');
