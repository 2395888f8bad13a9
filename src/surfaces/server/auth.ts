// Bearer-token authentication for the team server: the member a token belongs to becomes `c.var.member`;
// a missing, malformed, unknown or revoked token gets 401 with a WWW-Authenticate header.
import type { MiddlewareHandler } from 'hono';
import type { Member } from '../../ledger/postgres/members.ts';
import { httpError } from './errors.ts';

export type TeamEnv = { Variables: { member: Member } };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function memberAuth(authenticate: (token: string) => Promise<Member | null>): MiddlewareHandler<TeamEnv> {
  const challenge = { 'WWW-Authenticate': 'Bearer realm="ccmeter"' };
  return async function memberAuthHandler(c, next) {
    const token = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    const member = token ? await authenticate(token) : null;
    if (!member) throw httpError(401, token ? 'invalid or revoked token' : 'missing bearer token', challenge);
    c.set('member', member);
    await next();
  };
}
