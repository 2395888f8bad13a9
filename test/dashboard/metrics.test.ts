// GET /metrics: Prometheus text exposition, every line a comment or `name{labels} value`, with limit
// gauges per window and per-model counters that add up to the ledger's totals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ccmeter } from '../helpers/cli.ts';
import { demoHistory, get, openDashboard, tempDir } from './helpers.ts';
import { parseMetrics } from './parse.ts';

test('GET /metrics is valid exposition text with limit gauges and per-model counters', async (t) => {
  const env = await demoHistory(tempDir(t));
  const dashboard = await openDashboard(t, env);
  const res = await get(dashboard, '/metrics');
  const { samples, types, bad } = parseMetrics(await res.text());
  const models = JSON.parse(ccmeter(['models', '--json'], env).stdout) as { rows: { key: string; costUSD: number; requests: number; outputTokens: number }[] };
  const of = (name: string) => samples.filter((s) => s.name === name);
  const cost = new Map(of('ccmeter_cost_usd_total').map((s) => [s.labels['model'], s.value]));
  const requests = new Map(of('ccmeter_requests_total').map((s) => [s.labels['model'], s.value]));
  const output = new Map(of('ccmeter_tokens_total').filter((s) => s.labels['type'] === 'output').map((s) => [s.labels['model'], s.value]));

  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  assert.deepEqual(bad, []);
  assert.equal(types.get('ccmeter_limit_used_percent'), 'gauge');
  assert.equal(types.get('ccmeter_cost_usd_total'), 'counter');
  assert.deepEqual(of('ccmeter_limit_used_percent').map((s) => [s.labels['window'], s.labels['source'], s.value]), [
    ['five_hour', 'statusline', 46],
    ['seven_day', 'statusline', 48.5],
    ['seven_day_opus', 'oauth', 61],
  ]);
  assert.deepEqual(of('ccmeter_limit_resets_in_seconds').map((s) => s.value), [2 * 3600, 3 * 86400, 3 * 86400]);
  assert.deepEqual(of('ccmeter_limit_age_seconds').map((s) => s.value), [0, 0, 1200]);
  assert.deepEqual([...cost.keys()].sort(), models.rows.map((r) => r.key).sort());
  for (const r of models.rows) {
    assert.ok(Math.abs(cost.get(r.key)! - r.costUSD) < 1e-9, r.key);
    assert.equal(requests.get(r.key), r.requests, r.key);
    assert.equal(output.get(r.key), r.outputTokens, r.key);
  }
});
