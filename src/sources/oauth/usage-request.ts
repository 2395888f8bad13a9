// One GET of the OAuth usage endpoint (facts/limits.md §2 Request). The token goes into the Authorization
// header and nowhere else; outcomes carry only a status code or an error code, never a body or a header.

export const DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const USAGE_PATH = '/api/oauth/usage';
export const REQUEST_TIMEOUT_MS = 20_000;
/** Sent when Claude Code's version is unknown (CodexBar's fallback): other user agents get more 429s. */
export const FALLBACK_CLAUDE_VERSION = '2.1.0';

export type CallOutcome =
  | { kind: 'ok'; body: unknown }
  | { kind: 'status'; status: number; retryAfter: string | null }
  | { kind: 'failed'; message: string };

/** The endpoint URL: CCMETER_ANTHROPIC_BASE_URL (https, or http on loopback only) or the default. */
export function usageUrl(env: Record<string, string | undefined>): { ok: true; url: string } | { ok: false; message: string } {
  const base = (env['CCMETER_ANTHROPIC_BASE_URL'] || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(base + USAGE_PATH);
  } catch {
    return { ok: false, message: 'CCMETER_ANTHROPIC_BASE_URL is not a URL' };
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { ok: false, message: 'CCMETER_ANTHROPIC_BASE_URL must be an https URL (plain http only on localhost)' };
  }
  return { ok: true, url: url.href };
}

export function usageHeaders(token: string, claudeVersion: string | null): Record<string, string> {
  const version = claudeVersion && /^[0-9A-Za-z.+-]+$/.test(claudeVersion) ? claudeVersion : FALLBACK_CLAUDE_VERSION;
  return {
    Authorization: `Bearer ${token}`,
    'anthropic-beta': 'oauth-2025-04-20',
    Accept: 'application/json',
    'Content-Type': 'application/json',
    'User-Agent': `claude-code/${version}`,
  };
}

export async function callUsage(url: string, token: string, claudeVersion: string | null, fetchImpl: typeof fetch): Promise<CallOutcome> {
  let res: Response;
  try {
    // No redirects: the token must not follow one anywhere.
    res = await fetchImpl(url, { method: 'GET', headers: usageHeaders(token, claudeVersion), redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (err) {
    return { kind: 'failed', message: failure(err) };
  }
  if (res.status < 200 || res.status > 299) {
    await res.body?.cancel().catch(() => undefined);
    return { kind: 'status', status: res.status, retryAfter: res.headers.get('retry-after') };
  }
  let raw: string;
  try {
    raw = await res.text();
  } catch (err) {
    return { kind: 'failed', message: failure(err) };
  }
  try {
    return { kind: 'ok', body: JSON.parse(raw) };
  } catch {
    return { kind: 'failed', message: `the usage endpoint answered HTTP ${res.status} with a body that is not JSON` };
  }
}

/** A network failure by its name or code only (error messages may quote request details). */
function failure(err: unknown): string {
  const e = err as { name?: unknown; cause?: { code?: unknown } } | null;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `the usage endpoint did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : typeof e?.name === 'string' ? e.name : 'unknown error';
  return `the usage endpoint could not be reached (${code})`;
}
