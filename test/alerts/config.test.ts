// The alerts part of the config file: defaults as written out, every key accepted, errors naming the key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/config/defaults.ts';
import { parseConfig } from '../../src/config/parse.ts';
import { configSchema } from '../../src/config/schema.ts';

test('DEFAULT_CONFIG equals the schema defaults, and the keys of DESIGN.md keep their defaults', () => {
  assert.deepEqual(configSchema.parse({}), DEFAULT_CONFIG);
  assert.deepEqual(configSchema.parse({ alerts: {} }).alerts, DEFAULT_CONFIG.alerts);
  const { thresholds, desktop, webhooks } = DEFAULT_CONFIG.alerts;
  assert.deepEqual({ thresholds, desktop, webhooks }, { thresholds: [50, 75, 90], desktop: true, webhooks: [] });
});

test('a full alerts section parses, with defaults filled inside partial objects', () => {
  const text = JSON.stringify({
    alerts: {
      thresholds: [60, 85],
      desktop: false,
      webhooks: [{ url: 'https://hooks.slack.com/services/T/B/X', format: 'slack' }, { url: 'https://example.com/hook' }],
      windows: { five_hour: { thresholds: [80, 95] } },
      pace: { withinMinutes: 60 },
      resetNotice: true,
      budget: { dailyUSD: 20, monthlyUSD: 300 },
      quietHours: { from: '22:00', to: '07:00' },
      avoidClaudeCodeDuplicates: true,
    },
  });
  assert.deepEqual(parseConfig(text, 'config.json').alerts, {
    thresholds: [60, 85],
    desktop: false,
    webhooks: [{ url: 'https://hooks.slack.com/services/T/B/X', format: 'slack' }, { url: 'https://example.com/hook', format: 'json' }],
    windows: { five_hour: { thresholds: [80, 95] } },
    pace: { enabled: true, withinMinutes: 60, minLockoutMinutes: 15 },
    resetNotice: true,
    budget: { dailyUSD: 20, monthlyUSD: 300, thresholds: [75, 100] },
    quietHours: { from: '22:00', to: '07:00' },
    avoidClaudeCodeDuplicates: true,
  });
});

test('invalid alert settings are errors naming the key', () => {
  const bad = { alerts: { quietHours: { from: '25:00', to: '7am' }, windows: { five_hour: { thresholds: [120] } }, budget: { dailyUSD: -1 }, webhooks: [{ url: 'x', format: 'teams' }], bell: true } };
  assert.throws(() => parseConfig(JSON.stringify(bad), 'config.json'), {
    message:
      'The config file config.json is invalid: alerts.webhooks[0].url: Invalid URL; alerts.webhooks[0].format: Invalid option: expected one of "json"|"slack"|"discord"|"ntfy"; ' +
      'alerts.windows.five_hour.thresholds[0]: Too big: expected number to be <=100; alerts.budget.dailyUSD: Too small: expected number to be >0; ' +
      'alerts.quietHours.from: expected a local time HH:MM (24-hour); alerts.quietHours.to: expected a local time HH:MM (24-hour); alerts.bell: unknown key',
  });
});
