// The PostgreSQL connection pool (porsager/postgres.js), loaded on demand so other commands never pay for it.
// 64-bit integers and numerics come back as JS numbers: every count, token sum and epoch-ms value fits in 2^53.
import type postgres from 'postgres';
import { CcmeterError } from '../../shared/errors.ts';

export type Db = postgres.Sql;
/** A pool or a transaction: anything that runs a query. */
export type Queryable = Pick<postgres.ISql, 'unsafe'>;

export interface ConnectOptions {
  /** Pool size (default 10). */
  max?: number;
}

const INT8 = 20;
const NUMERIC = 1700;

export async function connect(url: string, options: ConnectOptions = {}): Promise<Db> {
  const { default: pg } = await import('postgres');
  const sql = pg(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    types: { number64: { to: INT8, from: [INT8, NUMERIC], serialize: (x: number) => String(x), parse: (x: string) => Number(x) } },
  }) as unknown as Db;
  try {
    await sql.unsafe('SELECT 1');
  } catch (e) {
    await sql.end({ timeout: 0 });
    throw new CcmeterError(`Cannot reach PostgreSQL at ${redact(url)}: ${(e as Error).message}`, 'Check --db / CCMETER_DATABASE_URL (a libpq URL such as postgres://user@host:5432/ccmeter) and that the server is running.', { cause: e });
  }
  return sql;
}

/** Runs a query (prepared, so repeated statements parse once per connection) and returns its rows. */
export async function query<T>(db: Queryable, text: string, params: readonly unknown[] = []): Promise<T[]> {
  const rows = await db.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true });
  // a plain array (postgres.js returns an Array subclass carrying the statement's metadata)
  return Array.from(rows as unknown as T[]);
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
