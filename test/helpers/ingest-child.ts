// Child process for the crash test: ingests in small batches and says "batch" after each commit.
import { openSqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { ingest } from '../../src/sources/transcripts/ingest.ts';
import { pricer } from './ledger.ts';

const [file, claudeDir] = process.argv.slice(2);
const ledger = openSqliteLedger(file!, { pricer });
await ingest(ledger, { env: { CLAUDE_CONFIG_DIR: claudeDir }, workers: 0, batchSize: 40, onProgress: () => process.stdout.write('batch\n') });
await ledger.close();
process.stdout.write('done\n');
