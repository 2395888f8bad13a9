// The ledger contract on PostgreSQL: a fresh schema per test (test/helpers/postgres.ts).
import { test } from 'node:test';
import { openPostgresLedger, type PostgresLedger } from '../../src/ledger/postgres/postgres-ledger.ts';
import { pricer } from '../helpers/ledger.ts';
import { freshDatabase, noPostgres } from '../helpers/postgres.ts';
import { ledgerContract } from './contract.ts';

if (noPostgres) test('postgres ledger contract', { skip: noPostgres }, () => {});
else
  ledgerContract('postgres', async (t) => {
    let ledger: PostgresLedger | undefined;
    const url = await freshDatabase(t, async () => ledger?.close());
    ledger = await openPostgresLedger(url, { pricer, max: 2 });
    return ledger;
  });
