import path from 'node:path';
import { openSqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { pricer } from '../helpers/ledger.ts';
import { ledgerContract } from './contract.ts';

ledgerContract('sqlite', async (t) => {
  const ledger = openSqliteLedger(path.join(tempDir(t), 'ledger.db'), { pricer });
  t.after(() => ledger.close());
  return ledger;
});
