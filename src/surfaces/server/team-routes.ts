// GET /api/team…: team views, scoped to what the token may see (a member: their own rows; an admin: the
// team). Query parameters: `since` / `until` (local dates, YYYY-MM-DD, inclusive), `tz` (IANA), and for
// /api/team `plans=0` to skip the plan advisor.
import { Hono, type Context } from 'hono';
import { utcRange } from '../../app/reports.ts';
import { teamBreakdown, teamMembers, teamReport, type TeamQuery } from '../../app/team.ts';
import type { PostgresStore } from '../../ledger/postgres/store.ts';
import { isValidTimeZone } from '../../shared/tz.ts';
import type { TeamEnv } from './auth.ts';
import { httpError } from './errors.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function teamQuery(c: Context<TeamEnv>, now: number): TeamQuery {
  const tz = c.req.query('tz') ?? 'UTC';
  if (!isValidTimeZone(tz)) throw httpError(400, `unknown time zone "${tz}"`);
  const since = c.req.query('since');
  const until = c.req.query('until');
  for (const [name, v] of [['since', since], ['until', until]] as const) {
    if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(v)))) throw httpError(400, `${name}: expected a date YYYY-MM-DD`);
  }
  return { tz, now, ...utcRange(tz, since, until), plans: c.req.query('plans') !== '0' };
}

export function teamRoutes(store: PostgresStore, now: () => number): Hono<TeamEnv> {
  return new Hono<TeamEnv>()
    .get('/', async (c) => c.json(await teamReport(store, c.get('member'), teamQuery(c, now()))))
    .get('/members', async (c) => c.json(await teamMembers(store, c.get('member'), teamQuery(c, now()))))
    .get('/projects', async (c) => c.json({ rows: await teamBreakdown(store, c.get('member'), 'project', teamQuery(c, now())) }))
    .get('/models', async (c) => c.json({ rows: await teamBreakdown(store, c.get('member'), 'model', teamQuery(c, now())) }));
}
