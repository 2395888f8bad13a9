// `ccmeter doctor`: checks what decides whether ccmeter's numbers can be trusted, and explains each with a
// fix: log roots, transcript retention, billing mode (an API key routes Claude Code to API billing even with a
// subscription: a common surprise bill), credentials, plan, statusline, ledger health.
import { existsSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { ccmeterPaths, type PathEnv } from '../shared/paths.ts';
import { claudeConfigDir, readSettings } from '../sources/claude/settings.ts';
import { discover, type DiscoveryEnv } from '../sources/transcripts/discover.ts';
import { detectPlan } from './plan.ts';
import { isOurs } from './statusline-install.ts';
import path from 'node:path';
import { groupDigits } from '../shared/digits.ts';

export type CheckStatus = 'ok' | 'info' | 'warn' | 'fail';

export interface Check {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  /** What to do about it, when there is something to do. */
  fix?: string;
}

/** The JSON shape of `ccmeter doctor --json`. */
export interface DoctorReport {
  checks: Check[];
  /** False when any check failed (exit code 1). */
  ok: boolean;
}

export type DoctorEnv = DiscoveryEnv &
  PathEnv & {
    ANTHROPIC_API_KEY?: string | undefined;
    ANTHROPIC_AUTH_TOKEN?: string | undefined;
    CLAUDE_CODE_USE_BEDROCK?: string | undefined;
    CLAUDE_CODE_USE_VERTEX?: string | undefined;
    CLAUDE_CODE_OAUTH_TOKEN?: string | undefined;
    USER?: string | undefined;
  };

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function logRoots(env: DoctorEnv): Check {
  try {
    const d = discover(env);
    if (d.roots.length === 0) {
      return { id: 'log-roots', title: 'Claude Code logs', status: 'warn', detail: 'no Claude Code log folder found (~/.claude/projects, ~/.config/claude/projects)', fix: 'Use Claude Code once, or set CLAUDE_CONFIG_DIR to the folder holding projects/. `ccmeter demo` shows ccmeter on sample data.' };
    }
    const bytes = d.files.reduce((s, f) => s + f.size, 0);
    const roots = d.roots.map((r) => r.projectsDir).join(', ');
    return {
      id: 'log-roots',
      title: 'Claude Code logs',
      status: d.warnings.length ? 'warn' : 'ok',
      detail: `${d.files.length} transcripts, ${mb(bytes)} in ${roots}${d.warnings.length ? `; ${d.warnings.join('; ')}` : ''}`,
      ...(d.warnings.length ? { fix: 'Check the permissions of the folders named.' } : {}),
    };
  } catch (e) {
    return { id: 'log-roots', title: 'Claude Code logs', status: 'fail', detail: (e as Error).message, fix: 'Point CLAUDE_CONFIG_DIR at a folder holding projects/, or unset it.' };
  }
}

function settingsOf(env: DoctorEnv): { file: string; settings: Record<string, unknown>; error?: string } {
  const file = path.join(claudeConfigDir(env), 'settings.json');
  try {
    return { file, settings: readSettings(file) };
  } catch (e) {
    return { file, settings: {}, error: (e as Error).message };
  }
}

function retention(settings: Record<string, unknown>, oldest: number | null): Check {
  const days = typeof settings['cleanupPeriodDays'] === 'number' ? settings['cleanupPeriodDays'] : 30;
  const kept = oldest ? `; the ledger keeps every request since ${new Date(oldest).toISOString().slice(0, 10)}` : '';
  return {
    id: 'retention',
    title: 'Transcript retention',
    status: days < 7 ? 'warn' : 'ok',
    detail: `Claude Code deletes transcripts after ${days} days (cleanupPeriodDays)${kept}`,
    ...(days < 7 ? { fix: 'Run ccmeter (or its daemon) at least that often so no request is lost before it reaches the ledger.' } : {}),
  };
}

function billing(env: DoctorEnv, settings: Record<string, unknown>, hasLogin: boolean): Check {
  const settingsEnv = (settings['env'] ?? {}) as Record<string, unknown>;
  const set = (k: keyof DoctorEnv & string) => Boolean(env[k]) || Boolean(settingsEnv[k]);
  const routes: string[] = [];
  if (set('ANTHROPIC_API_KEY')) routes.push('ANTHROPIC_API_KEY');
  if (set('ANTHROPIC_AUTH_TOKEN')) routes.push('ANTHROPIC_AUTH_TOKEN');
  if (typeof settings['apiKeyHelper'] === 'string') routes.push('apiKeyHelper in settings.json');
  if (set('CLAUDE_CODE_USE_BEDROCK')) routes.push('CLAUDE_CODE_USE_BEDROCK (Amazon Bedrock)');
  if (set('CLAUDE_CODE_USE_VERTEX')) routes.push('CLAUDE_CODE_USE_VERTEX (Google Vertex AI)');
  if (routes.length === 0) return { id: 'billing', title: 'Billing mode', status: 'ok', detail: 'Claude Code uses your Claude subscription login (no API key or cloud provider set)' };
  const detail = `${routes.join(', ')} set: Claude Code bills these requests to the API or cloud account, not to your subscription`;
  return hasLogin
    ? { id: 'billing', title: 'Billing mode', status: 'fail', detail: `${detail}, although you are logged in with a subscription: you may be paying twice`, fix: `Unset ${routes[0]} (and the others named) where you run Claude Code, unless API billing is what you want.` }
    : { id: 'billing', title: 'Billing mode', status: 'info', detail: `${detail}; plan limits do not apply: ccmeter shows API cost` };
}

async function credentials(env: DoctorEnv, now: number): Promise<{ check: Check; hasLogin: boolean }> {
  const { readCredentials } = await import('../sources/oauth/credentials.ts');
  const r = readCredentials(env);
  if (!r.ok) {
    return {
      hasLogin: false,
      check: { id: 'credentials', title: 'Claude Code login', status: r.reason === 'missing' || r.reason === 'no-subscription' ? 'warn' : 'fail', detail: r.message, fix: 'Log in with `claude` to let ccmeter read your official limits from the usage endpoint; the statusline works without it.' },
    };
  }
  const c = r.credentials;
  if (c.source === 'env') {
    return { hasLogin: true, check: { id: 'credentials', title: 'Claude Code login', status: 'warn', detail: 'CLAUDE_CODE_OAUTH_TOKEN is set: an inference-only token, which the usage endpoint refuses (403)', fix: 'Log in with `claude` for live limits, or rely on the statusline.' } };
  }
  if (c.expiresAt !== null && c.expiresAt < now) {
    return { hasLogin: true, check: { id: 'credentials', title: 'Claude Code login', status: 'warn', detail: `the login token expired at ${new Date(c.expiresAt).toISOString()}`, fix: 'Open Claude Code: it refreshes its own login (ccmeter never does).' } };
  }
  if (c.scopes && !c.scopes.includes('user:profile')) {
    return { hasLogin: true, check: { id: 'credentials', title: 'Claude Code login', status: 'warn', detail: 'the login lacks the user:profile scope the usage endpoint needs', fix: 'Log in again with `claude`.' } };
  }
  return { hasLogin: true, check: { id: 'credentials', title: 'Claude Code login', status: 'ok', detail: `logged in (${c.source === 'keychain' ? 'macOS Keychain' : 'credentials file'}), read-only` } };
}

function statusLine(settings: Record<string, unknown>, file: string, error?: string): Check {
  if (error) return { id: 'statusline', title: 'Statusline', status: 'fail', detail: error, fix: `Fix ${file} by hand.` };
  const s = settings['statusLine'];
  if (isOurs(s)) return { id: 'statusline', title: 'Statusline', status: 'ok', detail: `installed in ${file}: Claude Code reports your 5-hour and weekly limits to ccmeter after each message` };
  const other = (s as { command?: unknown } | undefined)?.command;
  return {
    id: 'statusline',
    title: 'Statusline',
    status: 'warn',
    detail: typeof other === 'string' ? `another statusLine is set (${other})` : 'not installed: limits come only from the usage endpoint',
    fix: 'Run `ccmeter statusline install` (an existing statusLine keeps running, chained).',
  };
}

function ledgerHealth(env: DoctorEnv): Check {
  const file = ccmeterPaths(env).ledger;
  if (!existsSync(file)) return { id: 'ledger', title: 'Ledger', status: 'info', detail: `no ledger yet at ${file}; the first report creates it` };
  try {
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      const check = (db.prepare('PRAGMA quick_check').get() as { quick_check: string }).quick_check;
      const n = (db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n;
      const size = statSync(file).size + (existsSync(file + '-wal') ? statSync(file + '-wal').size : 0);
      if (check !== 'ok') return { id: 'ledger', title: 'Ledger', status: 'fail', detail: `${file} is damaged: ${check}`, fix: 'Run `ccmeter rebuild`.' };
      return { id: 'ledger', title: 'Ledger', status: 'ok', detail: `${file}: ${groupDigits(n)} requests, ${mb(size)}, integrity ok` };
    } finally {
      db.close();
    }
  } catch (e) {
    return { id: 'ledger', title: 'Ledger', status: 'fail', detail: `${file} cannot be read: ${(e as Error).message}`, fix: 'Run `ccmeter rebuild` (the damaged file is kept aside).' };
  }
}

function oldestRequest(env: DoctorEnv): number | null {
  const file = ccmeterPaths(env).ledger;
  if (!existsSync(file)) return null;
  try {
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      return (db.prepare('SELECT min(ts) AS t FROM requests').get() as { t: number | null }).t;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

export async function doctor(env: DoctorEnv, now: number): Promise<DoctorReport> {
  const { file, settings, error } = settingsOf(env);
  const creds = await credentials(env, now);
  const plan = await detectPlan(env);
  const checks: Check[] = [
    {
      id: 'node',
      title: 'Node.js',
      status: 'ok',
      detail: `Node ${process.versions.node}, SQLite ${process.versions.sqlite}`,
    },
    logRoots(env),
    retention(settings, oldestRequest(env)),
    billing(env, settings, creds.hasLogin),
    creds.check,
    plan
      ? { id: 'plan', title: 'Plan', status: 'ok', detail: `${plan.id.replace('_', ' ')} (from ${plan.source})` }
      : { id: 'plan', title: 'Plan', status: 'info', detail: 'not detected (no subscription login found)', fix: 'Pass `--current pro|max_5x|max_20x` to `ccmeter plan`.' },
    statusLine(settings, file, error),
    ledgerHealth(env),
  ];
  return { checks, ok: !checks.some((c) => c.status === 'fail') };
}
