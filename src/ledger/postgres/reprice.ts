// Costs are stored per row, computed with the Pricer at write time. When the price table changes (a new
// ccmeter release, the server's config overrides), every row is re-priced once, in chunks, and the table's
// fingerprint is stored: the same rule as the SQLite ledger.
import type { Pricer } from '../../pricing/cost.ts';
import { fingerprint } from '../../pricing/price-table.ts';
import { query, type Db } from './connect.ts';

const CHUNK = 20_000;

/** A stored request's pricing columns, as PostgreSQL returns them. */
export interface PricingColumns {
  key: string;
  ts: number;
  model: string;
  fast: boolean;
  geo_us: boolean;
  input: number;
  output: number;
  cache_write: number;
  cache_write_1h: number;
  cache_read: number;
  web_search: number;
}

/** The cost of a stored row, by the rates in force on its own date. */
export function priceRow(pricer: Pricer, r: PricingColumns): ReturnType<Pricer['cost']> {
  return pricer.cost({
    model: r.model, ts: r.ts, fast: r.fast, geoUs: r.geo_us, inputTokens: r.input, outputTokens: r.output,
    cacheCreationTokens: r.cache_write, cacheCreation1hTokens: r.cache_write_1h, cacheReadTokens: r.cache_read, webSearchRequests: r.web_search,
  });
}

export async function repriceIfNeeded(db: Db, pricer: Pricer): Promise<void> {
  const want = fingerprint(pricer.table);
  const [have] = await query<{ value: string }>(db, "SELECT value FROM meta WHERE key = 'price_fingerprint'");
  if (have?.value === want) return;
  await db.begin(async (tx) => {
    await query(tx, 'SELECT pg_advisory_xact_lock(8, 0)');
    let after: [number, string] = [-1, ''];
    for (;;) {
      const rows = await query<PricingColumns & { member_id: number }>(
        tx,
        `SELECT member_id, key, ts, model, fast, geo_us, input, output, cache_write, cache_write_1h, cache_read, web_search
         FROM requests WHERE (member_id, key) > ($1, $2) ORDER BY member_id, key LIMIT ${CHUNK}`,
        after,
      );
      if (rows.length === 0) break;
      const priced = rows.map((r) => {
        const c = priceRow(pricer, r);
        return { member_id: r.member_id, key: r.key, cost: c.usd, price_status: c.status };
      });
      await query(
        tx,
        `UPDATE requests AS r SET cost = j.cost, price_status = j.price_status
         FROM json_to_recordset($1::text::json) AS j(member_id int4, key text, cost float8, price_status int2)
         WHERE r.member_id = j.member_id AND r.key = j.key`,
        [JSON.stringify(priced)],
      );
      const last = rows[rows.length - 1]!;
      after = [last.member_id, last.key];
    }
    await query(tx, "INSERT INTO meta (key, value) VALUES ('price_fingerprint', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [want]);
  });
}
