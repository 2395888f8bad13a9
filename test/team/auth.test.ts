// Who sees what: a member's token reads only that member's rows, an admin's the whole team; a revoked,
// unknown or missing token gets 401; the same request id under two members counts once per member.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TeamReport } from '../../src/app/team.ts';
import { revokeMember } from '../../src/ledger/postgres/members.ts';
import { noPostgres } from '../helpers/postgres.ts';
import { batch, pushed, teamRig, type Rig } from './helpers.ts';

const skip = noPostgres;

async function team(rig: Rig, token: string, path = '/api/team/members'): Promise<TeamReport> {
  const res = await rig.call(path, token);
  assert.equal(res.status, 200);
  return (await res.json()) as TeamReport;
}

async function twoMembers(rig: Rig) {
  const alice = await rig.member('alice');
  const bob = await rig.member('bob');
  const lead = await rig.member('lead', true);
  assert.equal((await rig.call('/api/sync', alice, batch([pushed({ key: 'a1' }), pushed({ key: 'a2' })]))).status, 200);
  assert.equal((await rig.call('/api/sync', bob, batch([pushed({ key: 'b1', outputTokens: 1000 })]))).status, 200);
  return { alice, bob, lead };
}

test("a member's token sees only that member's rows", { skip }, async (t) => {
  const rig = await teamRig(t);
  const { alice, bob } = await twoMembers(rig);
  const mine = await team(rig, alice);
  assert.deepEqual(mine.members.map((m) => [m.member, m.requests]), [['alice', 2]]);
  assert.equal(mine.totals.requests, 2);
  const full = await team(rig, bob, '/api/team?plans=0');
  assert.deepEqual([full.members.map((m) => m.member), full.totals.requests, full.models.map((m) => m.requests)], [['bob'], 1, [1]]);
  const projects = (await (await rig.call('/api/team/projects', alice)).json()) as { rows: { key: string; requests: number }[] };
  assert.deepEqual(projects.rows.map((r) => [r.key, r.requests]), [['-home-dev-app', 2]]);
});

test("an admin's token sees the whole team", { skip }, async (t) => {
  const rig = await teamRig(t);
  const { lead } = await twoMembers(rig);
  const all = await team(rig, lead, '/api/team?plans=0');
  assert.deepEqual(all.members.map((m) => [m.member, m.requests, m.admin]), [['bob', 1, false], ['alice', 2, false], ['lead', 0, true]]);
  assert.equal(all.totals.requests, 3);
  assert.deepEqual(all.viewer, { member: 'lead', admin: true });
});

test('a revoked, unknown or missing token gets 401 and writes nothing', { skip }, async (t) => {
  const rig = await teamRig(t);
  const { alice, lead } = await twoMembers(rig);
  await revokeMember(rig.store.db, 'alice', Date.now());
  const refused = await Promise.all([
    rig.call('/api/me', alice),
    rig.call('/api/sync', alice, batch([pushed({ key: 'after-revoke' })])),
    rig.call('/api/team', `${alice.slice(0, -4)}AAAA`),
    rig.call('/api/team', 'ccm_999_' + 'x'.repeat(43)),
    rig.call('/api/team', null),
  ]);
  assert.deepEqual(refused.map((r) => r.status), [401, 401, 401, 401, 401]);
  assert.equal(refused[0]!.headers.get('WWW-Authenticate'), 'Bearer realm="ccmeter"');
  assert.deepEqual(await refused[0]!.json(), { error: 'invalid or revoked token' });
  const all = await team(rig, lead);
  assert.deepEqual(all.members.map((m) => [m.member, m.requests]), [['bob', 1], ['alice', 2], ['lead', 0]]);
});

test('the same request id pushed by two members counts once for each, with a warning for the admin', { skip }, async (t) => {
  const rig = await teamRig(t);
  const [alice, bob, lead] = [await rig.member('alice'), await rig.member('bob'), await rig.member('lead', true)];
  await rig.call('/api/sync', alice, batch([pushed({ key: 'same' })]));
  await rig.call('/api/sync', bob, batch([pushed({ key: 'same', outputTokens: 999 })]));
  await rig.call('/api/sync', bob, batch([pushed({ key: 'same', outputTokens: 5 })]));
  const all = await team(rig, lead, '/api/team?plans=0');
  assert.deepEqual(all.members.map((m) => [m.member, m.requests, m.outputTokens]), [['bob', 1, 999], ['alice', 1, 200], ['lead', 0, 0]]);
  assert.match(all.warnings.join('\n'), /^1 request id is stored under more than one member/);
});
