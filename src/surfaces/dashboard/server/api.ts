// `GET /api/<command>`: exactly what `ccmeter <command> --json` prints, through the same functions
// (src/app/command-json.ts) and the same option parsers; `GET /api/limit-history` for the limit charts.
// Usage reports do not depend on the clock, so their last answers are kept, keyed on the ledger's state.
import { Hono, type Context } from 'hono';
import { blocksJson, limitsJson, overviewJson, planJson, reportJson } from '../../../app/command-json.ts';
import { resolveTimeZone, type AppContext } from '../../../app/context.ts';
import { historyDays, limitHistory } from '../../../app/limit-history.ts';
import type { ReportKind } from '../../../model/report.ts';
import { checkRange, parseDateFlag } from '../../cli/options.ts';
import { noLogsHint } from '../../cli/shared.ts';
import type { LiveLedger } from './live.ts';
import { readQuery, type ApiRoute, type QueryOptions } from './query.ts';

export interface ApiDeps {
  app: AppContext;
  live: LiveLedger;
  now: () => number;
  env: Record<string, string | undefined>;
}

const REPORTS: readonly ReportKind[] = ['daily', 'weekly', 'monthly', 'hourly', 'sessions', 'projects', 'models'];
/** Answers kept for the usage reports. */
const CACHE_SIZE = 24;

type Build = (app: AppContext, q: QueryOptions) => Promise<unknown>;

export function apiRoutes(deps: ApiDeps): Hono {
  const { live, now, env } = deps;
  const cache = new Map<string, { state: string; body: string }>();
  const hint = noLogsHint(env);
  const date = (q: QueryOptions, name: 'since' | 'until') => parseDateFlag(`--${name}`, q.strings.get(name));

  async function answer(c: Context, route: ApiRoute, build: Build, cached = false): Promise<Response> {
    const q = readQuery(route, new URL(c.req.url).searchParams);
    await live.idle();
    const app: AppContext = { ...deps.app, tz: resolveTimeZone(q.strings.get('tz'), deps.app.config), ingest: live.lastIngest };
    const key = `${route}?${q.key}`;
    const state = cached ? await live.stateKey() : '';
    const hit = cache.get(key);
    let body = hit && hit.state === state ? hit.body : null;
    if (body === null) {
      body = JSON.stringify(await build(app, q), null, 2) + '\n';
      if (cached) {
        cache.delete(key);
        cache.set(key, { state, body });
        if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
    }
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  }

  const api = new Hono();
  for (const kind of REPORTS) {
    api.get(`/${kind}`, (c) =>
      answer(
        c,
        kind,
        (app, q) => {
          const since = date(q, 'since'), until = date(q, 'until');
          checkRange(since, until);
          return reportJson(app, kind, { since, until, breakdown: q.flags.get('breakdown'), weekStart: q.strings.get('week-start') }, hint);
        },
        true,
      ),
    );
  }
  api.get('/overview', (c) => answer(c, 'overview', (app, q) => overviewJson(app, now(), { offline: q.flags.get('offline') }, env, hint)));
  api.get('/limits', (c) => answer(c, 'limits', async (app, q) => (await limitsJson(app, now(), { offline: q.flags.get('offline') }, env)).view));
  api.get('/blocks', (c) => answer(c, 'blocks', (app, q) => blocksJson(app, now(), date(q, 'since'))));
  api.get('/plan', (c) => answer(c, 'plan', (app, q) => planJson(app, now(), { months: q.strings.get('months'), plan: q.strings.get('plan'), current: q.strings.get('current') }, env)));
  api.get('/limit-history', (c) => answer(c, 'limit-history', (app, q) => limitHistory(app.ledger, now(), historyDays(q.strings.get('days')))));
  return api;
}
