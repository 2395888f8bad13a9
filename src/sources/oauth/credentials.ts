// Claude Code's OAuth login, read-only (facts/limits.md §5). Order: CLAUDE_CODE_OAUTH_TOKEN, then on macOS
// the login Keychain through /usr/bin/security, then `<configDir>/.credentials.json`. We never refresh,
// write, log or print the token: no message built here contains it (nor any part of the blob, since
// JSON.parse errors quote the input and are never passed on).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { isObject, text } from './values.ts';

export interface OAuthCredentials {
  accessToken: string;
  /** Epoch ms; null when unknown (the env token). */
  expiresAt: number | null;
  scopes: string[] | null;
  subscriptionType: string | null;
  rateLimitTier: string | null;
  source: 'env' | 'keychain' | 'file';
}

export type CredentialsFailure = 'missing' | 'unreadable' | 'malformed' | 'no-subscription';

export type CredentialsResult =
  | { ok: true; credentials: OAuthCredentials }
  | { ok: false; reason: CredentialsFailure; message: string };

export interface CredentialsEnv {
  CLAUDE_CODE_OAUTH_TOKEN?: string | undefined;
  CLAUDE_CONFIG_DIR?: string | undefined;
  /** Undocumented Claude Code override of the dir hashed into the Keychain service name ("" drops the suffix). */
  CLAUDE_SECURESTORAGE_CONFIG_DIR?: string | undefined;
  HOME?: string | undefined;
  USER?: string | undefined;
}

export interface CredentialsDeps {
  platform?: NodeJS.Platform;
  /** Runs /usr/bin/security with these arguments; stdout, or null when it fails or finds nothing. */
  runSecurity?: (args: string[]) => string | null;
  /** Reads a file as UTF-8; throws like fs.readFileSync. */
  readFile?: (path: string) => string;
}

const SERVICE = 'Claude Code-credentials';
const LOGIN_HINT = 'log in with `claude`';

/** The Keychain service Claude Code stores its login under, for a CLAUDE_CONFIG_DIR value (undefined or "": none). */
export function keychainServiceName(configDir: string | undefined): string {
  if (!configDir) return SERVICE;
  const hash = createHash('sha256').update(configDir.normalize('NFC'), 'utf8').digest('hex');
  return `${SERVICE}-${hash.slice(0, 8)}`;
}

/** The config dir named by CLAUDE_CONFIG_DIR (its first comma-separated entry, `~` expanded), or null. */
export function configDirFromEnv(env: CredentialsEnv): string | null {
  const first = (env.CLAUDE_CONFIG_DIR ?? '').split(',').map((s) => s.trim()).find((s) => s !== '');
  if (first === undefined) return null;
  const home = env.HOME || homedir();
  if (first === '~') return home;
  return first.startsWith('~/') ? path.join(home, first.slice(2)) : first;
}

export function readCredentials(env: CredentialsEnv, deps: CredentialsDeps = {}): CredentialsResult {
  const envToken = env.CLAUDE_CODE_OAUTH_TOKEN?.trim();
  if (envToken) {
    if (!usableToken(envToken)) return fail('malformed', 'CLAUDE_CODE_OAUTH_TOKEN is not a usable token');
    // A `claude setup-token` token: inference-only, scopes unknown (the usage endpoint answers 403).
    return { ok: true, credentials: { accessToken: envToken, expiresAt: null, scopes: null, subscriptionType: null, rateLimitTier: null, source: 'env' } };
  }

  const envDir = configDirFromEnv(env);
  const looked: string[] = [];
  let keychainFailure: CredentialsResult | null = null;
  if ((deps.platform ?? process.platform) === 'darwin') {
    const service = keychainServiceName(env.CLAUDE_SECURESTORAGE_CONFIG_DIR ?? envDir ?? undefined);
    const where = `the macOS Keychain item "${service}"`;
    looked.push(where);
    const out = (deps.runSecurity ?? runSecurity)(['find-generic-password', '-s', service, '-w']);
    if (out !== null && out.trim() !== '') {
      const parsed = parseCredentialBlob(out, 'keychain', where);
      if (parsed.ok) return parsed;
      keychainFailure = parsed;
    }
  }

  const file = path.join(envDir ?? path.join(env.HOME || homedir(), '.claude'), '.credentials.json');
  looked.push(file);
  let blob: string;
  try {
    blob = (deps.readFile ?? ((p: string) => readFileSync(p, 'utf8')))(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | null)?.code;
    if (keychainFailure) return keychainFailure;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail('missing', `no Claude Code login found (looked in ${looked.join(' and ')}); ${LOGIN_HINT}`);
    return fail('unreadable', `cannot read ${file} (${typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : 'error'})`);
  }
  const parsed = parseCredentialBlob(blob, 'file', file);
  return !parsed.ok && keychainFailure ? keychainFailure : parsed;
}

/** Parses Claude Code's credential blob non-exclusively (unknown keys allowed). `where` names it in messages. */
export function parseCredentialBlob(raw: string, source: 'keychain' | 'file', where: string): CredentialsResult {
  let data: unknown;
  try {
    data = JSON.parse(unhex(raw.trim()));
  } catch {
    return fail('malformed', `${where} is not valid JSON`);
  }
  if (!isObject(data)) return fail('malformed', `${where} does not hold a JSON object`);
  const oauth = data['claudeAiOauth'];
  if (oauth === undefined || oauth === null) {
    const what = data['mcpOAuth'] !== undefined ? 'only MCP server logins, no Claude subscription login' : 'no Claude subscription login';
    return fail('no-subscription', `${where} holds ${what}; ${LOGIN_HINT}`);
  }
  if (!isObject(oauth) || typeof oauth['accessToken'] !== 'string' || !usableToken(oauth['accessToken'].trim())) {
    return fail('malformed', `${where} has no usable claudeAiOauth.accessToken`);
  }
  const scopes = oauth['scopes'];
  return {
    ok: true,
    credentials: {
      accessToken: oauth['accessToken'].trim(),
      expiresAt: epochMs(oauth['expiresAt']),
      scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : null,
      subscriptionType: text(oauth['subscriptionType']),
      rateLimitTier: text(oauth['rateLimitTier']),
      source,
    },
  };
}

/** Default Keychain reader: absolute path, no shell, stderr dropped (it never holds the secret, but stays quiet). */
function runSecurity(args: string[]): string | null {
  try {
    return execFileSync('/usr/bin/security', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000, windowsHide: true });
  } catch {
    return null;
  }
}

/** `security -w` prints hex when the stored data is not printable; Claude Code writes it hex-encoded. */
function unhex(s: string): string {
  return !s.startsWith('{') && s.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(s) ? Buffer.from(s, 'hex').toString('utf8') : s;
}

/** Printable ASCII without spaces: anything else cannot go into a header (and header errors quote the value). */
function usableToken(s: string): boolean {
  return /^[\x21-\x7e]+$/.test(s);
}

function epochMs(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function fail(reason: CredentialsFailure, message: string): CredentialsResult {
  return { ok: false, reason, message };
}
