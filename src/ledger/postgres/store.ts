// One PostgreSQL store: the connection pool, migrated and priced on open, shared by the ledgers of every
// member (the team server serves many members over one pool).
import type { Pricer } from '../../pricing/cost.ts';
import { connect, type Db } from './connect.ts';
import { migrate } from './migrations.ts';
import { repriceIfNeeded } from './reprice.ts';

export class PostgresStore {
  readonly db: Db;
  readonly pricer: Pricer;

  private constructor(db: Db, pricer: Pricer) {
    this.db = db;
    this.pricer = pricer;
  }

  /** Connects, runs missing migrations, re-prices stored rows when the price table changed. */
  static async open(url: string, options: { pricer: Pricer; max?: number }): Promise<PostgresStore> {
    const db = await connect(url, options.max === undefined ? {} : { max: options.max });
    try {
      await migrate(db);
      await repriceIfNeeded(db, options.pricer);
      return new PostgresStore(db, options.pricer);
    } catch (e) {
      await db.end({ timeout: 5 });
      throw e;
    }
  }

  /** Waits up to `timeoutSeconds` for running queries, then closes every connection. */
  async close(timeoutSeconds = 5): Promise<void> {
    await this.db.end({ timeout: timeoutSeconds });
  }
}
