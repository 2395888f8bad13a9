#!/usr/bin/env node
// Benchmarks the local dashboard (`ccmeter serve`) on a big warm ledger: page load to every chart drawn, in
// headless Chromium, and /api/daily latency (median of repeated calls). A script, not a test: timings
// depend on the machine. Targets: page under 1 s, /api/daily under 100 ms.
// usage: node scripts/bench-dashboard.mjs [--home /tmp/wh] [--claude /tmp/bench] [--runs 5] [--calls 30]
// `--now` fixes the clock (default: the newest request in the ledger, so the charts' last 30 days have data).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin/ccmeter.js');
const CHROMIUM = '/usr/bin/chromium';
const { values: args } = parseArgs({
  options: {
    home: { type: 'string', default: '/tmp/wh' },
    claude: { type: 'string', default: '/tmp/bench' },
    runs: { type: 'string', default: '5' },
    calls: { type: 'string', default: '30' },
    now: { type: 'string' },
  },
});
const env = { ...process.env, CCMETER_HOME: args.home, CLAUDE_CONFIG_DIR: args.claude, CCMETER_OFFLINE: '1' };
delete env.CCMETER_DASHBOARD_TOKEN;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (n) => `${n.toFixed(1)} ms`;

function newestRequest() {
  const r = spawnSync(process.execPath, [cli, 'models', '--json'], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`ccmeter models failed: ${r.stderr}`);
  const rows = JSON.parse(r.stdout).rows;
  return rows.map((x) => x.lastActivity).sort().at(-1) ?? new Date().toISOString();
}

env.CCMETER_NOW = args.now ?? newestRequest();
process.stderr.write(`ledger ${args.home}, logs ${args.claude}, now ${env.CCMETER_NOW}\n`);

const server = spawn(process.execPath, [cli, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const [url] = await once(createInterface({ input: server.stdout }), 'line');
const base = new URL(url);
const token = base.searchParams.get('token');
const rows = [];

async function timed(route) {
  const t = performance.now();
  const res = await fetch(new URL(route, base), { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${route}: ${res.status}`);
  return performance.now() - t;
}

// /api/daily: the first call (waits for the start-up ingest and computes), then repeated calls (the cached
// answer, checked against the ledger's state each time), and distinct queries (computed each time)
const first = await timed('/api/daily');
const repeated = [];
for (let i = 0; i < Number(args.calls); i++) repeated.push(await timed('/api/daily'));
const distinct = [];
for (let i = 0; i < 10; i++) distinct.push(await timed(`/api/daily?since=2020-01-${String(i + 1).padStart(2, '0')}`));
rows.push(['/api/daily, first call (after start-up ingest)', ms(first)]);
rows.push([`/api/daily, median of ${repeated.length} calls`, ms(median(repeated))]);
rows.push(['/api/daily, median of 10 uncached queries', ms(median(distinct))]);
for (const route of ['/api/overview', '/api/plan', '/api/sessions', '/api/hourly', '/metrics']) rows.push([`${route}, one call`, ms(await timed(route))]);

if (existsSync(CHROMIUM)) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'ccmeter-bench-browser-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 }, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const ready = [], wall = [];
  for (let i = 0; i < Number(args.runs); i++) {
    await browser.clearCookies();
    const page = await browser.newPage();
    const t = performance.now();
    await page.goto(url);
    await page.waitForFunction(() => window.ccmeter?.ready === true, null, { timeout: 30_000 });
    wall.push(performance.now() - t);
    ready.push(await page.evaluate(() => window.ccmeter.readyMs));
    await page.close();
  }
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
  rows.push([`page load to charts drawn (navigation start → first full draw), median of ${ready.length}`, ms(median(ready))]);
  rows.push([`page load as the test driver sees it (goto → ready), median of ${wall.length}`, ms(median(wall))]);
} else {
  rows.push(['page load', `skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`]);
}

server.kill('SIGTERM');
const [code] = await once(server, 'exit');
console.log('| measure | time |\n|---|---|');
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
console.log(`\nserver exited with ${code} on SIGTERM`);
