// What only the SQLite file store has to get right: migrations, damaged files, other processes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { MIGRATIONS } from '../../src/ledger/sqlite/migrations.ts';
import { openSqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { Pricer } from '../../src/pricing/cost.ts';
import { applyOverrides, SHIPPED_TABLE } from '../../src/pricing/price-table.ts';
import { LedgerCorruptError } from '../../src/shared/errors.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { pricer } from '../helpers/ledger.ts';
import { record } from './contract.ts';

test('a ledger written by an older schema is migrated and keeps its rows', async (t) => {
  const file = path.join(tempDir(t), 'ledger.db');
  const old = new DatabaseSync(file);
  old.exec(MIGRATIONS[0]!);
  old.exec('PRAGMA user_version = 1');
  old.exec("INSERT INTO names (id, name) VALUES (1, 'session-old'), (2, '-proj'), (3, 'claude-sonnet-4-20250514')");
  old.exec("INSERT INTO files (id, path) VALUES (1, '/logs/old.jsonl')");
  old.exec(`INSERT INTO requests VALUES ('msg_old', ${Date.parse('2025-09-01T12:00:00Z')}, 1, 1, 2, 3, 1000, 2000, 0, 0, 0, 0, 0, 0, 0, 0, NULL, 1, 0, 0)`);
  old.close();

  const ledger = openSqliteLedger(file, { pricer });
  t.after(() => ledger.close());
  const rows = await ledger.rollup({ groupBy: 'day', tz: 'UTC' });
  assert.deepEqual(rows.map((r) => [r.key, r.requests, r.outputTokens]), [['2025-09-01', 1, 2000]]);
  // re-priced on open (the old row said $0): 1000 × $3 + 2000 × $15 per MTok
  assert.ok(Math.abs(rows[0]!.costUSD - 0.033) < 1e-12);
  const check = new DatabaseSync(file);
  assert.equal((check.prepare('PRAGMA user_version').get() as { user_version: number }).user_version, MIGRATIONS.length);
  assert.ok(check.prepare("SELECT name FROM sqlite_master WHERE name = 'limit_snapshots'").get());
  check.close();
});

test('a damaged ledger file is a clear error that says how to rebuild', (t) => {
  const file = path.join(tempDir(t), 'ledger.db');
  writeFileSync(file, 'this is not a database\n'.repeat(400));
  assert.throws(() => openSqliteLedger(file, { pricer }), (e: unknown) => {
    assert.ok(e instanceof LedgerCorruptError);
    assert.match(e.message, /damaged/);
    assert.match(e.hint ?? '', /ccmeter rebuild/);
    return true;
  });
});

test('a ledger from a newer ccmeter is refused, not rewritten', (t) => {
  const file = path.join(tempDir(t), 'ledger.db');
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 5}`);
  db.close();
  assert.throws(() => openSqliteLedger(file, { pricer }), /newer ccmeter/);
});

test('a changed price table re-prices every stored request', async (t) => {
  const file = path.join(tempDir(t), 'ledger.db');
  const first = openSqliteLedger(file, { pricer });
  await first.applyBatch({ requests: [record()], files: [] });
  await first.close();
  const cheaper = new Pricer(applyOverrides(SHIPPED_TABLE, { 'claude-sonnet-4-20250514': { input: 1, output: 1 } }));
  const second = openSqliteLedger(file, { pricer: cheaper });
  t.after(() => second.close());
  const [row] = await second.rollup({ groupBy: 'all', tz: 'UTC' });
  // 100 × $1 + 200 × $1 per MTok
  assert.ok(Math.abs(row!.costUSD - 0.0003) < 1e-12, String(row!.costUSD));
});

test('a first load ends with its log copied into the ledger file and emptied; an ordinary open leaves the log alone', async (t) => {
  const dir = tempDir(t);
  const requests = Array.from({ length: 300 }, (_, i) => record({ key: `msg_${i}`, ts: Date.parse('2026-01-15T10:00:00Z') + i * 60_000 }));
  const walSize = (file: string) => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;

  const first = path.join(dir, 'first.db');
  const loading = openSqliteLedger(first, { pricer, firstLoad: true });
  await loading.applyBatch({ requests, files: [] });
  assert.ok(walSize(first) > 0, 'the load writes to the log first');
  loading.finishFirstLoad();
  assert.equal(walSize(first), 0);
  await loading.close();
  // a connection of its own reads the ledger file alone (the log is empty)
  const check = new DatabaseSync(first, { readOnly: true });
  t.after(() => check.close());
  assert.equal((check.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n, 300);

  const ordinary = path.join(dir, 'ordinary.db');
  const ledger = openSqliteLedger(ordinary, { pricer });
  t.after(() => ledger.close());
  await ledger.applyBatch({ requests, files: [] });
  const before = walSize(ordinary);
  ledger.finishFirstLoad();
  assert.ok(before > 0);
  assert.equal(walSize(ordinary), before);
});

test('two processes writing the same requests at once neither fail nor double count', async (t) => {
  const file = path.join(tempDir(t), 'ledger.db');
  const writer = path.join(import.meta.dirname, '../helpers/write-batches.ts');
  const run = () =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [writer, file, '400'], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => resolve(code ?? -1));
    });
  assert.deepEqual(await Promise.all([run(), run(), run()]), [0, 0, 0]);
  const ledger = openSqliteLedger(file, { pricer });
  t.after(() => ledger.close());
  const [row] = await ledger.rollup({ groupBy: 'all', tz: 'UTC' });
  assert.equal(row!.requests, 400);
  assert.equal(row!.outputTokens, 400 * 200);
});

test('the quarter-hour and session summaries answer exactly what the requests give, after merges that move requests and a re-pricing', async (t) => {
  const file = path.join(tempDir(t), 'ledger.db');
  const ledger = openSqliteLedger(file, { pricer });
  t.after(() => ledger.close());
  const base = Date.parse('2026-03-28T20:00:00Z');
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  let n = 0;
  const keys = new Set<string>();
  const key = (k: string) => (keys.add(k), k);
  for (let batch = 0; batch < 12; batch++) {
    const requests = Array.from({ length: 40 }, () =>
      record({ key: key(`msg_${rand(150)}`), ts: base + rand(48 * 60) * 60_000 + ++n /* no two requests at one instant */, outputTokens: rand(5000), model: ['claude-opus-4-8', 'claude-sonnet-4-6', 'claude-opus-9'][rand(3)]!, sessionId: `s${rand(5)}`, project: `-p${rand(3)}` }),
    );
    await ledger.applyBatch({ requests, files: [] });
  }
  // an unaligned bound (1 ms) makes the ledger read the requests themselves
  type G = 'day' | 'hour' | 'model' | 'all' | 'session' | 'project';
  const fromRequests = (groupBy: G) => ledger.rollup({ groupBy, tz: 'Europe/Paris', since: 1 });
  const fromSummary = (groupBy: G) => ledger.rollup({ groupBy, tz: 'Europe/Paris' });
  const rounded = (rows: Awaited<ReturnType<typeof fromSummary>>) => rows.map((r) => ({ ...r, costUSD: Math.round(r.costUSD * 1e9), agentCostUSD: Math.round(r.agentCostUSD * 1e9) }));
  for (const g of ['day', 'hour', 'model', 'all', 'session', 'project'] as const) {
    const a = await fromRequests(g), b = await fromSummary(g);
    assert.deepEqual(rounded(b), rounded(a), g);
  }
  // merges moved requests between sessions: every session still holds what its requests sum to
  const sessions = await fromSummary('session');
  assert.deepEqual(new Set(sessions.map((r) => r.key)), new Set(['s0', 's1', 's2', 's3', 's4']));
  assert.ok(sessions.every((r) => r.project !== undefined && /^-p[0-2]$/.test(r.project)));
  const sum = (rows: { requests: number }[]) => rows.reduce((n, r) => n + r.requests, 0);
  assert.equal(sum(sessions), sum(await fromSummary('all')));
  assert.equal(sum(sessions), keys.size);
  assert.deepEqual(await ledger.pricingIssues({}), await ledger.pricingIssues({ since: 1 }));
  assert.deepEqual(await ledger.versions({}), await ledger.versions({ since: 1 }));
  const cost0 = (await fromSummary('all'))[0]!.costUSD;
  await ledger.close();
  const repriced = openSqliteLedger(file, { pricer: new Pricer(applyOverrides(SHIPPED_TABLE, { 'claude-opus-8': { input: 1, output: 1 }, 'claude-opus-4-8': { input: 2, output: 3 } })) });
  t.after(() => repriced.close());
  const [all] = await repriced.rollup({ groupBy: 'all', tz: 'UTC' });
  const [raw] = await repriced.rollup({ groupBy: 'all', tz: 'UTC', since: 1 });
  assert.ok(Math.abs(all!.costUSD - raw!.costUSD) < 1e-9);
  assert.ok(Math.abs(all!.costUSD - cost0) > 1, 're-priced');
  const bySession = await repriced.rollup({ groupBy: 'session', tz: 'UTC' });
  const bySessionRaw = await repriced.rollup({ groupBy: 'session', tz: 'UTC', since: 1 });
  assert.deepEqual(bySession.map((r) => Math.round(r.costUSD * 1e9)), bySessionRaw.map((r) => Math.round(r.costUSD * 1e9)));
});
