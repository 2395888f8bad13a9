// Which plan the user is on, from where Claude Code records it (facts/limits.md §3): the rate-limit tier in
// the credential blob or in ~/.claude.json's oauthAccount. Tiers, not display names: plans were renamed in
// late 2026. `subscriptionType` alone is unreliable and only used as the last hint.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlanId } from '../../model/plan-capacity.ts';
import { claudeConfigDir } from './settings.ts';

export function planFromTier(tier: string | null | undefined, subscriptionType?: string | null): PlanId | null {
  if (tier) {
    if (/max_20x/.test(tier)) return 'max_20x';
    if (/max_5x/.test(tier)) return 'max_5x';
    if (/^default_claude_ai$/.test(tier)) return 'pro';
  }
  if (subscriptionType === 'pro') return 'pro';
  return null;
}

/** The tier recorded in `.claude.json` (next to the config dir, or inside CLAUDE_CONFIG_DIR). */
export function tierFromClaudeJson(env: { CLAUDE_CONFIG_DIR?: string | undefined; HOME?: string | undefined }): string | null {
  const dir = claudeConfigDir(env);
  const candidates = env.CLAUDE_CONFIG_DIR ? [path.join(dir, '.claude.json'), path.join(dir, '.config.json')] : [path.join(path.dirname(dir), '.claude.json')];
  for (const file of candidates) {
    try {
      const o = JSON.parse(readFileSync(file, 'utf8')) as { oauthAccount?: { organizationRateLimitTier?: unknown; userRateLimitTier?: unknown } };
      const tier = o.oauthAccount?.organizationRateLimitTier ?? o.oauthAccount?.userRateLimitTier;
      if (typeof tier === 'string') return tier;
    } catch {
      // absent or unreadable: try the next place
    }
  }
  return null;
}
