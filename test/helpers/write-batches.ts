// Child process for the concurrency test: writes N requests to a ledger in small batches.
import { openSqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { record } from '../ledger/contract.ts';
import { pricer } from './ledger.ts';

const [file, n] = process.argv.slice(2);
const ledger = openSqliteLedger(file!, { pricer });
for (let i = 0; i < Number(n); i += 20) {
  const requests = Array.from({ length: 20 }, (_, k) => record({ key: `msg_${i + k}` }));
  await ledger.applyBatch({ requests, files: [] });
}
await ledger.close();
