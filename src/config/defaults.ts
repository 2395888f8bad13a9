// The configuration when there is no config file: the schema's defaults, written out so that a run
// without a config file never loads the schema library (start-up time; test/config checks they agree).
import type { Config } from './schema.ts';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export const DEFAULT_CONFIG: Config = {
  pricing: { models: {} },
  reports: { weekStart: 'monday' },
  alerts: {
    thresholds: [50, 75, 90],
    desktop: true,
    webhooks: [],
    windows: {},
    pace: { enabled: true, withinMinutes: 120, minLockoutMinutes: 15 },
    resetNotice: false,
    budget: { thresholds: [75, 100] },
    avoidClaudeCodeDuplicates: false,
  },
};
