#!/usr/bin/env node
// Load test of the team server (a script, not a test: figures depend on the machine).
// usage: npm run load [-- --requests 1000000 --clients 20 --batch 2000 --overlap 0.1 --timeout 300]
// Starts `ccmeter server` (from the TypeScript sources) on a fresh PostgreSQL schema, dropped at the end, then 20
// clients (10 members × 2 machines) push their requests concurrently over loopback. Each member's two
// machines share `overlap` of their message ids (one holds a mid-stream copy with less output), so the
// server must merge. Prints throughput (requests/s) and batch latency, then proves nothing was lost or
// counted twice: per member, the server's totals must equal the clients' own deduplicated totals.
// Database: CCMETER_LOAD_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000000' },
    clients: { type: 'string', default: '20' },
    batch: { type: 'string', default: '2000' },
    overlap: { type: 'string', default: '0.1' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
  },
});
const total = Number(args.requests);
const clients = Number(args.clients);
const batchSize = Number(args.batch);
const overlap = Number(args.overlap);
const deadline = Date.now() + Number(args.timeout) * 1000;
if (clients % 2 !== 0 || total % clients !== 0) throw new Error('--clients must be even and divide --requests');
const perClient = total / clients;
const shared = Math.floor(perClient * overlap);

const loadBefore = os.loadavg()[0].toFixed(2);
const baseUrl = process.env.CCMETER_LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const schema = `ccm_load_${randomBytes(4).toString('hex')}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE SCHEMA ${schema}`);
const db = new URL(baseUrl);
db.searchParams.set('search_path', schema);
const entry = path.join(root, 'src/surfaces/cli/entry.ts');
const env = { ...process.env, CCMETER_DATABASE_URL: db.toString(), CCMETER_HOME: path.join(root, '.load-home'), NO_COLOR: '1' };
const cli = (argv) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...argv], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`ccmeter ${argv.join(' ')}: exit ${code}`))));
  });

const T0 = Date.UTC(2026, 0, 1);
const MODELS = ['claude-sonnet-4-6', 'claude-opus-4-8', 'claude-haiku-4-5-20251001'];
/** Usage of request `i` of a member's machine; machine 1 holds the shared ids with a smaller (mid-stream) output. */
function usage(machine, i) {
  const sharedId = i < shared;
  return {
    inputTokens: 10 + (i % 50),
    outputTokens: 200 + (i % 300) - (sharedId && machine === 1 ? 150 : 0),
    cacheCreationTokens: (i % 11) * 100,
    cacheReadTokens: 20_000 + (i % 1000) * 10,
  };
}

/** The request as the sync client sends it (a SyncedRequest), as JSON. */
function requestJson(member, machine, i) {
  const sharedId = i < shared;
  const key = sharedId ? `msg_${member}_s${i}` : `msg_${member}_${machine}_${i}`;
  const u = usage(machine, i);
  const project = i % 7;
  return (
    `{"key":"${key}","ts":${T0 + i * 1000 + (sharedId ? machine * 60_000 : 0)},"tsKnown":true,` +
    `"sessionId":"session-${member}-${machine}-${Math.floor(i / 500)}","project":"-home-${member}-project-${project}",` +
    `"cwd":"/home/${member}/project-${project}","model":"${MODELS[i % 3]}","inputTokens":${u.inputTokens},` +
    `"outputTokens":${u.outputTokens},"cacheCreationTokens":${u.cacheCreationTokens},"cacheCreation1hTokens":0,` +
    `"cacheReadTokens":${u.cacheReadTokens},"webSearchRequests":0,"webFetchRequests":0,"fast":false,"geoUs":false,` +
    `"agent":${i % 5 === 0},"version":"2.1.20"}`
  );
}

/** What each member's own machines hold, deduplicated (max output per id): the totals the server must report. */
function expectedFor() {
  const sum = { requests: 0, inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 };
  for (let machine = 0; machine < 2; machine++) {
    for (let i = 0; i < perClient; i++) {
      if (machine === 1 && i < shared) continue; // the same id as machine 0's, whose copy has the larger output
      const u = usage(machine, i);
      sum.requests++;
      for (const k of Object.keys(u)) sum[k] += u[k];
    }
  }
  return sum;
}

/** Batch bodies with a placeholder for the member, built once per (machine, batch): clients stay cheap. */
const MEMBER = '@member@';
const templates = new Map();
function batchTemplate(machine, start) {
  const id = `${machine}:${start}`;
  if (!templates.has(id)) {
    const rows = [];
    for (let i = start; i < Math.min(perClient, start + batchSize); i++) rows.push(requestJson(MEMBER, machine, i));
    templates.set(id, `{"machine":"machine-${machine}","requests":[${rows.join(',')}],"limits":[]}`);
  }
  return templates.get(id);
}

const latencies = [];
let sent = 0;
/** One machine pushing its requests in batches, one at a time, as `ccmeter sync` does. */
async function client(url, token, member, machine) {
  for (let start = 0; start < perClient; ) {
    if (Date.now() > deadline) throw new Error('time limit reached');
    const count = Math.min(perClient, start + batchSize) - start;
    const body = Buffer.from(batchTemplate(machine, start).replaceAll(MEMBER, member));
    const t = performance.now();
    const res = await fetch(`${url}/api/sync`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body,
      signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
    });
    if (res.status === 429) {
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, Number(res.headers.get('Retry-After') ?? 1) * 1000));
      continue;
    }
    if (!res.ok) throw new Error(`${member}/${machine}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    latencies.push(performance.now() - t);
    sent += count;
    start += batchSize;
  }
}

/** CPU seconds of a process (Linux /proc; NaN elsewhere). With `children`, also its reaped children's. */
function cpuSeconds(pid, children = false) {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return NaN;
  const f = readFileSync(file, 'utf8').split(') ')[1].split(' ').map(Number);
  return (f[11] + f[12] + (children ? f[13] + f[14] : 0)) / 100;
}
/** PostgreSQL's CPU (the postmaster and its backends), when it runs on this machine and we may read it. */
function postgresSeconds() {
  const pids = [];
  for (const d of existsSync('/proc') ? readdirSync('/proc') : []) {
    if (!/^\d+$/.test(d)) continue;
    const comm = existsSync(`/proc/${d}/comm`) ? readFileSync(`/proc/${d}/comm`, 'utf8').trim() : '';
    if (comm === 'postgres') pids.push(d);
  }
  // backends that exited are counted in their parent's children time
  return pids.reduce((s, p) => s + (cpuSeconds(p, true) || 0), 0);
}

let server = null;
let failure = null;
let cpu = null;
let seconds = NaN;
let team = { members: [] };
try {
  // members with two machines each; an admin token reads the team at the end
  const members = Array.from({ length: clients / 2 }, (_, i) => `member${String(i).padStart(2, '0')}`);
  const tokens = {};
  for (const m of members) tokens[m] = await cli(['server', 'add-member', m]);
  const adminToken = await cli(['server', 'add-member', 'lead', '--admin']);
  server = spawn(process.execPath, [entry, 'server', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => server.stdout.once('data', (c) => resolve(String(c).split('\n')[0])));

  const before = { server: cpuSeconds(server.pid), clients: process.cpuUsage(), postgres: postgresSeconds() };
  const started = performance.now();
  await Promise.all(members.flatMap((m) => [client(url, tokens[m], m, 0), client(url, tokens[m], m, 1)]));
  seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(before.clients);
  cpu = { server: cpuSeconds(server.pid) - before.server, clients: (used.user + used.system) / 1e6, postgres: postgresSeconds() - before.postgres };
  team = await (await fetch(`${url}/api/team/members`, { headers: { Authorization: `Bearer ${adminToken}` } })).json();
} catch (e) {
  failure = e;
} finally {
  if (server) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  if (!args.keep) await admin.unsafe(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}

const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const mismatches = [];
if (!failure) {
  const want = expectedFor();
  for (const got of team.members.filter((m) => m.member !== 'lead')) {
    const m = got.member;
    for (const k of Object.keys(want)) if (got[k] !== want[k]) mismatches.push(`${m}.${k}: server ${got[k]}, clients ${want[k]}`);
  }
}
const memberCount = clients / 2;
const distinct = memberCount * (2 * perClient - shared);
const lines = [
  `clients ${clients} (${memberCount} members × 2 machines), batch ${batchSize}, ${sent.toLocaleString('en-US')} requests pushed (${distinct.toLocaleString('en-US')} distinct)`,
  `time ${seconds.toFixed(2)} s, throughput ${Math.round(sent / seconds).toLocaleString('en-US')} requests/s`,
  `batch latency ms: p50 ${pct(50).toFixed(0)}, p90 ${pct(90).toFixed(0)}, p99 ${pct(99).toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)} (${latencies.length} batches)`,
];
const perRequest = (sec) => `${((sec / sent) * 1e6).toFixed(1)} µs`;
if (cpu && sent > 0) lines.push(`CPU per request: server ${perRequest(cpu.server)}, PostgreSQL ${perRequest(cpu.postgres)}, clients ${perRequest(cpu.clients)} (this machine: ${os.cpus().length} cores, load average before ${loadBefore})`);
if (failure) lines.push(`FAILED: ${failure.message}`);
else if (team.members.length !== memberCount + 1) lines.push(`MISMATCH: the server lists ${team.members.length} members, expected ${memberCount + 1}`);
else if (mismatches.length) lines.push(`MISMATCH:\n  ${mismatches.join('\n  ')}`);
else lines.push(`totals: server = clients for all ${memberCount} members (requests and every token field): nothing lost, nothing counted twice`);
process.stdout.write(lines.join('\n') + '\n');
process.exitCode = failure || mismatches.length || team.members.length !== memberCount + 1 ? 1 : 0;
