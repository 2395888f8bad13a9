// `GET /metrics`: Prometheus text exposition (format 0.0.4). Limit windows as gauges (percent used, time
// to reset, age of the value), and per model the API-equivalent cost, tokens and requests of everything in
// the ledger as counters. Limit values are the stored ones: a scrape never calls the usage endpoint.
import type { RollupRow } from '../../../ledger/ledger.ts';
import type { LimitsView } from '../../../model/limits.ts';

type Labels = Record<string, string>;

interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: [Labels, number][];
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Labels) => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};
const value = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

function render(families: readonly Family[]): string {
  const out: string[] = [];
  for (const f of families) {
    out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const [l, v] of f.samples) out.push(`${f.name}${labels(l)} ${value(v)}`);
  }
  return out.join('\n') + '\n';
}

export function metricsText(limits: LimitsView, models: readonly RollupRow[]): string {
  const win = (w: LimitsView['windows'][number]): Labels => ({ window: w.window, label: w.label, source: w.source });
  const withPercent = limits.windows.filter((w) => w.usedPercent !== null);
  const byModel = new Map<string, RollupRow[]>();
  for (const r of models) byModel.set(r.model, [...(byModel.get(r.model) ?? []), r]);
  const sum = (rows: RollupRow[], f: (r: RollupRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const perModel = (f: (r: RollupRow) => number): [Labels, number][] => [...byModel].map(([model, rows]) => [{ model }, sum(rows, f)]);
  const tokenKinds: [string, (r: RollupRow) => number][] = [
    ['input', (r) => r.inputTokens],
    ['output', (r) => r.outputTokens],
    ['cache_creation', (r) => r.cacheCreationTokens],
    ['cache_read', (r) => r.cacheReadTokens],
  ];
  return render([
    { name: 'ccmeter_limit_used_percent', help: 'Percent of the limit window used (official value, or an estimate when source="estimate").', type: 'gauge', samples: withPercent.map((w) => [win(w), w.usedPercent!]) },
    { name: 'ccmeter_limit_resets_in_seconds', help: 'Seconds until the limit window resets.', type: 'gauge', samples: limits.windows.filter((w) => w.resetsInMs !== null).map((w) => [win(w), w.resetsInMs! / 1000]) },
    { name: 'ccmeter_limit_age_seconds', help: 'Age of the limit value in seconds.', type: 'gauge', samples: limits.windows.filter((w) => w.ageMs !== null).map((w) => [win(w), w.ageMs! / 1000]) },
    { name: 'ccmeter_limit_stale', help: '1 when the limit value is older than its window allows.', type: 'gauge', samples: limits.windows.map((w) => [win(w), w.stale ? 1 : 0]) },
    { name: 'ccmeter_cost_usd_total', help: 'API-equivalent cost in USD of every request in the ledger, by model.', type: 'counter', samples: perModel((r) => r.costUSD) },
    { name: 'ccmeter_tokens_total', help: 'Tokens of every request in the ledger, by model and kind.', type: 'counter', samples: [...byModel.keys()].flatMap((model) => tokenKinds.map(([type, f]): [Labels, number] => [{ model, type }, sum(byModel.get(model)!, f)])) },
    { name: 'ccmeter_requests_total', help: 'Requests in the ledger, by model.', type: 'counter', samples: perModel((r) => r.requests) },
  ]);
}
