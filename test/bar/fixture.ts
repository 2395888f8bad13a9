// Histories the bar formats are checked on, at a fixed clock (Saturday 2026-07-18 12:00 UTC):
// - `full`: costs today and earlier this month, official limits from the statusline and the usage
//   endpoint (the weekly window binds at 81%; the session window climbs fast enough to run out first);
// - `costs-only`: the same logs, no limit readings yet;
// - `empty`: no ledger file at all.
import path from 'node:path';
import type { TestContext } from 'node:test';
import { openSqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { ccmeter, ROOT } from '../helpers/cli.ts';
import { assistant, tempDir, writeProjects } from '../helpers/fixtures.ts';
import { pricer } from '../helpers/ledger.ts';

export const NOW = '2026-07-18T12:00:00Z';
export const SCENARIOS = ['full', 'costs-only', 'empty'] as const;
export type Scenario = (typeof SCENARIOS)[number];

const at = (iso: string) => Date.parse(iso);

export async function barFixture(t: TestContext, scenario: Scenario): Promise<Record<string, string>> {
  const dir = tempDir(t, 'ccmeter-bar-');
  const claude = path.join(dir, 'claude');
  const env = { CCMETER_HOME: path.join(dir, 'home'), CLAUDE_CONFIG_DIR: claude, TZ: 'UTC', CCMETER_NOW: NOW, NO_COLOR: '1', CCMETER_OFFLINE: '1' };
  if (scenario === 'empty') return env;
  writeProjects(claude, {
    '-home-dev-shop/11111111-2222-4333-8444-555555555555.jsonl': [
      // today: Opus 4.8, 1,000 in + 2,000 out = $0.055, and 3,000 in = $0.015: $0.07
      assistant({ id: 'msg_a', model: 'claude-opus-4-8', ts: '2026-07-18T09:00:00Z', usage: { input_tokens: 1000, output_tokens: 2000 } }),
      assistant({ id: 'msg_b', model: 'claude-opus-4-8', ts: '2026-07-18T11:00:00Z', usage: { input_tokens: 3000, output_tokens: 0 } }),
      // earlier this month: Sonnet 4, 100,000 in = $0.30; last month: not in this month's $0.37
      assistant({ id: 'msg_c', ts: '2026-07-02T10:00:00Z', usage: { input_tokens: 100_000, output_tokens: 0 } }),
      assistant({ id: 'msg_d', ts: '2026-06-20T10:00:00Z', usage: { input_tokens: 100_000, output_tokens: 0 } }),
    ],
  });
  ccmeter(['daily', '--json'], env);
  if (scenario === 'costs-only') return env;
  const ledger = openSqliteLedger(path.join(env.CCMETER_HOME, 'ledger.db'), { pricer });
  const week = at('2026-07-21T15:00:00Z');
  await ledger.recordLimitSnapshots([
    // the session window: 48% at 11:25, 62% at 11:55 (28%/h: out at 13:16, before its 13:30 reset)
    { source: 'statusline', window: 'five_hour', observedAt: at('2026-07-18T11:25:00Z'), usedPercent: 48, resetsAt: at('2026-07-18T13:30:00Z') },
    { source: 'statusline', window: 'five_hour', observedAt: at('2026-07-18T11:55:00Z'), usedPercent: 62, resetsAt: at('2026-07-18T13:30:00Z') },
    { source: 'statusline', window: 'seven_day', observedAt: at('2026-07-18T11:55:00Z'), usedPercent: 81, resetsAt: week },
    { source: 'oauth', window: 'seven_day_opus', observedAt: at('2026-07-18T11:40:00Z'), usedPercent: 40, resetsAt: week },
    { source: 'oauth', window: 'extra_usage', observedAt: at('2026-07-18T11:40:00Z'), usedPercent: 12, resetsAt: null, detail: { usedUSD: 6, limitUSD: 50, currency: 'USD' } },
  ]);
  await ledger.close();
  return env;
}

/** The output with this machine's paths replaced, so snapshots hold the same text everywhere. */
export function portable(text: string): string {
  return text.split(process.execPath).join('<node>').split(path.join(ROOT, 'bin/ccmeter.js')).join('<ccmeter>');
}
