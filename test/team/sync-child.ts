// Child process for the crash test: syncs a machine's ledger in small batches, saying "batch" after each
// one the server stored.
import { openApp } from '../../src/app/context.ts';
import { syncOnce } from '../../src/app/sync.ts';

const [home, claude, url, token] = process.argv.slice(2);
const app = await openApp({ CCMETER_HOME: home, CLAUDE_CONFIG_DIR: claude, HOME: home, TZ: 'UTC' }, { ingest: false });
await syncOnce(app, { url: url!, token: token!, batchSize: 50, machine: 'crashing', onBatch: () => process.stdout.write('batch\n') });
await app.close();
process.stdout.write('done\n');
