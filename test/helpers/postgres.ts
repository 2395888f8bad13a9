// PostgreSQL for tests: CCMETER_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// Each test gets a fresh schema, dropped after it; files skip with a reason when no server answers, unless
// CCMETER_REQUIRE_POSTGRES=1 (CI), where an unreachable server fails the run instead.
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import postgres from 'postgres';

export const PG_URL = process.env['CCMETER_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(f: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(PG_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    return await f(sql);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** The skip reason when PostgreSQL is not reachable, else false. */
export const noPostgres: string | false = await admin((sql) => sql`SELECT 1`).then(
  () => false,
  (e: Error) => {
    const reason = `no PostgreSQL at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} (${e.message}); set CCMETER_TEST_DATABASE_URL or start one`;
    if (process.env['CCMETER_REQUIRE_POSTGRES'] === '1') throw new Error(`${reason} (CCMETER_REQUIRE_POSTGRES=1)`);
    return reason;
  },
);

/** A URL whose connections use a new, empty schema; the schema is dropped after the test, after `cleanup`. */
export async function freshDatabase(t: TestContext, cleanup: () => Promise<void> = async () => {}): Promise<string> {
  const schema = `ccm_t_${randomBytes(6).toString('hex')}`;
  await admin((sql) => sql.unsafe(`CREATE SCHEMA ${schema}`));
  t.after(async () => {
    await cleanup();
    await admin((sql) => sql.unsafe(`DROP SCHEMA ${schema} CASCADE`));
  });
  const url = new URL(PG_URL);
  url.searchParams.set('search_path', schema);
  return url.toString();
}
