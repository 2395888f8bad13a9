// The dashboard's two gates, as hono middleware: the Host (and Origin) must name this server, so a page
// on another site cannot reach it through DNS rebinding (403); and every request carries the token
// (401): `Authorization: Bearer`, `?token=` (which sets an HttpOnly, SameSite=Strict cookie, for the page
// opened from the printed URL), or that cookie. Tokens are compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';

export interface HostGuardOptions {
  /** Accepted `Host` values (`127.0.0.1:4000`, `localhost:4000`, …). */
  hosts: readonly string[];
}

function refuse(status: 401 | 403, error: string, headers: Record<string, string> = {}): HTTPException {
  const res = new Response(JSON.stringify({ error }) + '\n', { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
  return new HTTPException(status, { res });
}

export function hostGuard(options: HostGuardOptions): MiddlewareHandler {
  const hosts = new Set(options.hosts.map((h) => h.toLowerCase()));
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  return async function hostGuard(c, next) {
    const host = c.req.header('host')?.toLowerCase();
    if (host === undefined || !hosts.has(host)) throw refuse(403, 'This dashboard answers only on its own loopback address.');
    const origin = c.req.header('origin')?.toLowerCase();
    if (origin !== undefined && !origins.has(origin)) throw refuse(403, 'Requests from other sites are refused.');
    await next();
  };
}

export interface TokenGuardOptions {
  token: string;
  /** The cookie that carries the token after the first page load. */
  cookie: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function bearer(header: string): string {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : '';
}

export function tokenGuard(options: TokenGuardOptions): MiddlewareHandler {
  const expected = digest(options.token);
  const challenge = { 'www-authenticate': 'Bearer realm="ccmeter dashboard"' };
  return async function tokenGuard(c, next) {
    const header = c.req.header('authorization');
    const query = c.req.query('token');
    // the first credential presented decides: a wrong one is refused even when a good cookie is there
    const given = header !== undefined ? bearer(header) : query ?? getCookie(c, options.cookie);
    if (given === undefined) throw refuse(401, 'A token is needed: open the URL `ccmeter serve` printed, or send Authorization: Bearer TOKEN.', challenge);
    if (!timingSafeEqual(digest(given), expected)) throw refuse(401, 'Wrong token.', { 'www-authenticate': 'Bearer realm="ccmeter dashboard", error="invalid_token"' });
    await next();
    if (header === undefined && query !== undefined) setCookie(c, options.cookie, query, { httpOnly: true, sameSite: 'Strict', path: '/' });
  };
}

/** Headers on every answer: no sniffing, no framing, no referrer; and never a CORS header. */
export function securityHeaders(): MiddlewareHandler {
  const csp = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  return async function securityHeaders(c, next) {
    await next();
    c.res.headers.set('x-content-type-options', 'nosniff');
    c.res.headers.set('referrer-policy', 'no-referrer');
    c.res.headers.set('x-frame-options', 'DENY');
    c.res.headers.set('content-security-policy', csp);
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  };
}
