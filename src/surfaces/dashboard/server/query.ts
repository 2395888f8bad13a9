// Query parameters of `/api/<command>`: the command's own CLI options, by their flag names (`?since=…`,
// `?week-start=monday`, `?breakdown`); camelCase works too (`weekStart`). An option the command does not
// have is refused, as the CLI refuses an unknown flag.
import { UsageError } from '../../../shared/errors.ts';

const REPORT = ['since', 'until', 'tz', 'breakdown'] as const;

/** Each route's options (besides `token`). */
export const OPTIONS = {
  daily: REPORT,
  weekly: [...REPORT, 'week-start'],
  monthly: REPORT,
  hourly: REPORT,
  sessions: REPORT,
  projects: REPORT,
  models: REPORT,
  overview: ['tz', 'offline'],
  limits: ['offline'],
  blocks: ['since'],
  plan: ['months', 'plan', 'current', 'tz'],
  'limit-history': ['days'],
} as const satisfies Record<string, readonly string[]>;

export type ApiRoute = keyof typeof OPTIONS;

const BOOLEAN = new Set(['breakdown', 'offline']);

export interface QueryOptions {
  strings: Map<string, string>;
  flags: Map<string, boolean>;
  /** The options in a fixed order: a cache key. */
  key: string;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase());

function flag(name: string, value: string): boolean {
  if (value === '' || value === '1' || value === 'true' || value === 'yes') return true;
  if (value === '0' || value === 'false' || value === 'no') return false;
  throw new UsageError(`?${name}=${value}: not a yes/no value`, `Use ?${name} or ?${name}=false.`);
}

/** Checks a route's query parameters against its options. */
export function readQuery(route: ApiRoute, params: URLSearchParams): QueryOptions {
  const allowed: readonly string[] = OPTIONS[route];
  const strings = new Map<string, string>();
  const flags = new Map<string, boolean>();
  for (const [raw, value] of params) {
    const name = kebab(raw);
    if (name === 'token') continue;
    if (!allowed.includes(name)) {
      throw new UsageError(`/api/${route} has no option ?${raw}`, allowed.length ? `Its options: ${allowed.map((o) => '?' + o).join(', ')}.` : 'It takes no options.');
    }
    if (BOOLEAN.has(name)) flags.set(name, flag(raw, value));
    else strings.set(name, value);
  }
  const key = [...strings].map(([k, v]) => `${k}=${v}`).concat([...flags].map(([k, v]) => `${k}=${v}`)).sort().join('&');
  return { strings, flags, key };
}
