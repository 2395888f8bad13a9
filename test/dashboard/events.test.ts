// GET /api/events: an `update` event after new log bytes are appended (fs.watch → incremental ingest), one
// after a limit snapshot lands from another process, keep-alive comments, and cleanup on disconnect.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pricerFor } from '../../src/app/context.ts';
import { DEFAULT_CONFIG } from '../../src/config/defaults.ts';
import { openSqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.ts';
import { assistant, writeProjects } from '../helpers/fixtures.ts';
import { envFor, get, openDashboard, tempDir } from './helpers.ts';
import { readToEnd, readUntil, updates } from './parse.ts';

const SESSION_FILE = 'home-dev-project/11111111-2222-4333-8444-555555555555.jsonl';

test('an update event follows new log bytes, and the stream ends cleanly on disconnect', { timeout: 20_000 }, async (t) => {
  const env = envFor(tempDir(t));
  writeProjects(env['CLAUDE_CONFIG_DIR']!, { [SESSION_FILE]: [assistant({ id: 'msg_01', requestId: 'req_01', ts: '2026-11-20T10:00:00.000Z' })] });
  const dashboard = await openDashboard(t, env);
  const res = await get(dashboard, '/api/events');
  const reader = res.body!.getReader();
  const hello = await readUntil(reader, /: connected\n\n/);
  await dashboard.live.idle();
  appendFileSync(path.join(env['CLAUDE_CONFIG_DIR']!, 'projects', SESSION_FILE), assistant({ id: 'msg_02', requestId: 'req_02', ts: '2026-11-20T10:05:00.000Z' }) + '\n');
  const text = await readUntil(reader, /event: update\n/);
  const subscribed = dashboard.live.subscribers;
  await reader.cancel();
  await sleep(50);

  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^text\/event-stream/);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  assert.match(hello, /^retry: 3000\n/);
  assert.deepEqual(updates(text), [{ usage: true, limits: false, requests: 2, lastRequestAt: '2026-11-20T10:05:00.000Z', limitsObservedAt: null }]);
  assert.equal(subscribed, 1);
  assert.equal(dashboard.live.subscribers, 0);
});

test('an update event follows a limit snapshot written by another process', { timeout: 20_000 }, async (t) => {
  const env = envFor(tempDir(t));
  writeProjects(env['CLAUDE_CONFIG_DIR']!, { [SESSION_FILE]: [assistant({ id: 'msg_01', requestId: 'req_01', ts: '2026-11-20T10:00:00.000Z' })] });
  const dashboard = await openDashboard(t, env);
  const reader = (await get(dashboard, '/api/events')).body!.getReader();
  await readUntil(reader, /: connected\n\n/);
  await dashboard.live.idle();
  const other = openSqliteLedger(path.join(env['CCMETER_HOME']!, 'ledger.db'), { pricer: pricerFor(DEFAULT_CONFIG) });
  await other.recordLimitSnapshots([{ source: 'statusline', window: 'five_hour', observedAt: Date.parse('2026-11-20T14:59:00Z'), usedPercent: 37, resetsAt: Date.parse('2026-11-20T17:00:00Z') }]);
  await other.close();
  const text = await readUntil(reader, /event: update\n/);
  await reader.cancel();

  assert.deepEqual(updates(text), [{ usage: false, limits: true, requests: 1, lastRequestAt: '2026-11-20T10:00:00.000Z', limitsObservedAt: '2026-11-20T14:59:00.000Z' }]);
});

test('an idle stream gets keep-alive comments; closing the dashboard ends it', { timeout: 20_000 }, async (t) => {
  const env = envFor(tempDir(t));
  writeProjects(env['CLAUDE_CONFIG_DIR']!, { [SESSION_FILE]: [assistant()] });
  const dashboard = await openDashboard(t, env, { keepAliveMs: 30 });
  const reader = (await get(dashboard, '/api/events')).body!.getReader();
  const text = await readUntil(reader, /: keep-alive\n\n/);
  await dashboard.close();
  await readToEnd(reader);

  assert.match(text, /: keep-alive\n\n/);
  assert.equal(dashboard.live.subscribers, 0);
});
