// Team members and their tokens. A token is `ccm_<member id>_<secret>` with a 32-byte random secret; only
// sha256(secret) is stored, and a presented token is checked against it in constant time. Revoking drops
// the hash, so the token stops working at once; the member's rows stay.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CcmeterError } from '../../shared/errors.ts';
import { query, type Queryable } from './connect.ts';

export interface Member {
  id: number;
  name: string;
  admin: boolean;
}

export interface MemberInfo extends Member {
  createdAt: number;
  revokedAt: number | null;
  /** Names of the machines that pushed to this member, with their last sync (epoch ms). */
  machines: { name: string; lastSync: number }[];
  /** The plan the member's most recently synced machine reported, if any. */
  plan: string | null;
}

const TOKEN = /^ccm_(\d{1,9})_([A-Za-z0-9_-]{43})$/;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest();

/** The id of a member, created (without a token) when missing: single-user stores write under one. */
export async function ensureMember(db: Queryable, name: string, now: number): Promise<number> {
  const [row] = await query<{ id: number }>(
    db,
    `WITH made AS (INSERT INTO members (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id)
     SELECT id FROM made UNION ALL SELECT id FROM members WHERE name = $1`,
    [name, now],
  );
  return row!.id;
}

/**
 * Adds a member (or gives a revoked one a new token) and returns the token, which is never stored.
 * An active member with that name is an error: revoke first to issue a new token.
 */
export async function addMember(db: Queryable, name: string, admin: boolean, now: number): Promise<{ member: Member; token: string }> {
  if (!/^[\w.@+-]{1,64}$/.test(name)) {
    throw new CcmeterError(`"${name}" is not a usable member name`, 'Use 1 to 64 letters, digits, and . _ - @ +');
  }
  const secret = randomBytes(32).toString('base64url');
  const [row] = await query<{ id: number; admin: boolean }>(
    db,
    `INSERT INTO members AS m (name, admin, token_hash, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET admin = excluded.admin, token_hash = excluded.token_hash, revoked_at = NULL
       WHERE m.token_hash IS NULL
     RETURNING id, admin`,
    [name, admin, hashOf(secret), now],
  );
  if (!row) throw new CcmeterError(`Member "${name}" already has a token`, `Run \`ccmeter server revoke ${name}\` first to issue a new one.`);
  return { member: { id: row.id, name, admin: row.admin }, token: `ccm_${row.id}_${secret}` };
}

/** Ends a member's token; false when there is no such member. */
export async function revokeMember(db: Queryable, name: string, now: number): Promise<boolean> {
  const rows = await query(db, 'UPDATE members SET token_hash = NULL, revoked_at = coalesce(revoked_at, $2) WHERE name = $1 RETURNING id', [name, now]);
  return rows.length > 0;
}

/** The member a token belongs to, or null for a malformed, unknown or revoked token. */
export async function authenticate(db: Queryable, token: string): Promise<Member | null> {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const [row] = await query<{ id: number; name: string; admin: boolean; token_hash: Buffer | null }>(
    db,
    'SELECT id, name, admin, token_hash FROM members WHERE id = $1',
    [Number(m[1])],
  );
  const presented = hashOf(m[2]!);
  // compare even when there is no row, so an unknown id costs the same as a wrong secret
  const stored = row?.token_hash ?? Buffer.alloc(32);
  const ok = timingSafeEqual(stored.length === 32 ? stored : Buffer.alloc(32), presented);
  return ok && row?.token_hash ? { id: row.id, name: row.name, admin: row.admin } : null;
}

/** Members whose rows the scope covers, by name, with their machines. */
export async function listMembers(db: Queryable, ids: readonly number[] | 'all'): Promise<MemberInfo[]> {
  const filter = ids === 'all' ? '' : 'WHERE m.id = ANY($1::int[])';
  const rows = await query<{
    id: number; name: string; admin: boolean; created_at: number; revoked_at: number | null;
    machines: { name: string; lastSync: number }[] | null; plan: string | null;
  }>(
    db,
    `SELECT m.id, m.name, m.admin, m.created_at, m.revoked_at,
       (SELECT json_agg(json_build_object('name', name, 'lastSync', last_sync) ORDER BY name COLLATE "C") FROM machines WHERE member_id = m.id) AS machines,
       (SELECT plan FROM machines WHERE member_id = m.id AND plan IS NOT NULL ORDER BY last_sync DESC LIMIT 1) AS plan
     FROM members m ${filter} ORDER BY m.name COLLATE "C"`,
    ids === 'all' ? [] : [`{${ids.join(',')}}`],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, admin: r.admin, createdAt: r.created_at, revokedAt: r.revoked_at, machines: r.machines ?? [], plan: r.plan }));
}

/** Notes that a machine pushed for a member (shown in team views). */
export async function touchMachine(db: Queryable, memberId: number, machine: string, plan: string | null, now: number): Promise<void> {
  await query(
    db,
    `INSERT INTO machines (member_id, name, first_sync, last_sync, plan) VALUES ($1, $2, $3, $3, $4)
     ON CONFLICT (member_id, name) DO UPDATE SET last_sync = greatest(machines.last_sync, excluded.last_sync), plan = coalesce(excluded.plan, machines.plan)`,
    [memberId, machine, now, plan],
  );
}
