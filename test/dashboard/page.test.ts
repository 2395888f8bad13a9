// The dashboard page in a real browser (headless Chromium through playwright-core) over the demo history:
// every section drawn with the numbers the CLI gives, the range picker (mouse and keyboard), the theme
// toggle, a narrow window, and a live update after new log bytes. Screenshots go to test/dashboard/out/.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { PageState } from '../../src/surfaces/dashboard/page/main.ts';
import { formatUSD } from '../../src/surfaces/render/format.ts';
import { listen } from '../../src/surfaces/dashboard/server/listen.ts';
import { ccmeter } from '../helpers/cli.ts';
import { assistant } from '../helpers/fixtures.ts';
import { demoHistory, NOW, tempDir, TOKEN } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const OUT = path.join(import.meta.dirname, 'out');
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install -y chromium): the browser test needs it`;

interface Report {
  rows: { key: string; costUSD: number }[];
  totals: { costUSD: number };
}
const json = <T>(args: string[], env: Record<string, string>) => JSON.parse(ccmeter([...args, '--json'], env).stdout) as T;
const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

test('the page draws every section with the CLI\'s numbers, and the range picker redraws them', { skip, timeout: 120_000 }, async (t) => {
  mkdirSync(OUT, { recursive: true });
  const env = await demoHistory(tempDir(t));
  const server = await listen({ host: '127.0.0.1', port: 0, token: TOKEN, appEnv: env, env, now: () => Date.parse(NOW), log: () => {} });
  t.after(() => server.close());
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launchPersistentContext(tempDir(t), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => problems.push(`${m.type()}: ${m.text()}`));
  const state = () => page.evaluate(() => window.ccmeter!) as Promise<PageState>;
  const texts = (selector: string) => page.locator(selector).allTextContents();

  await page.goto(server.url);
  await page.waitForFunction(() => window.ccmeter?.ready === true);
  await page.screenshot({ path: path.join(OUT, 'dashboard.png'), fullPage: true });
  const first = await state();
  const overview = json<{ today: { costUSD: number }; allTime: { costUSD: number }; limits: { windows: { window: string; usedPercent: number }[] } }>(['overview'], env);
  const daily = json<Report>(['daily', '--since', '2026-10-22', '--until', '2026-11-20', '--breakdown'], env);
  const hourly = json<Report>(['hourly', '--since', '2026-10-22', '--until', '2026-11-20'], env);
  const projects = json<Report>(['projects', '--since', '2026-10-22', '--until', '2026-11-20'], env);
  const plan = json<{ recommendation: { name: string } }>(['plan'], env);
  const byDate = new Map(first.daily.dates.map((d, i) => [d, first.daily.totals[i]!]));

  assert.equal(page.url(), server.url.replace(/\?token=.*/, ''), 'the token is gone from the address bar');
  assert.deepEqual([first.range, first.from, first.to, first.daily.dates.length], ['30', '2026-10-22', '2026-11-20', 30]);
  for (const r of daily.rows) assert.ok(close(byDate.get(r.key)!, r.costUSD), r.key);
  assert.ok(close(first.daily.totals.reduce((a, b) => a + b, 0), daily.totals.costUSD));
  assert.ok(close(first.daily.models.flatMap((m) => m.values).reduce((a, b) => a + b, 0), daily.totals.costUSD), 'the stacked layers add up to the totals');
  assert.equal(await page.locator('#daily-table tbody tr').count(), daily.rows.filter((r) => r.costUSD > 0).length);
  assert.equal((await texts('#daily-table tbody tr:first-child th'))[0], daily.rows.at(-1)!.key);
  assert.equal(await page.locator('#daily-chart .uplot canvas').count(), 1);
  assert.equal(await page.locator('#history-chart .uplot canvas').count(), 1);
  assert.deepEqual(first.limits.map((w) => [w.window, w.usedPercent]), overview.limits.windows.map((w) => [w.window, w.usedPercent]));
  assert.deepEqual(await texts('.gauge .big'), ['46%', '49%', '61%']);
  assert.deepEqual(await page.locator('.gauge [role=meter]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-valuenow'))), ['46', '48.5', '61']);
  assert.equal((await texts('#card-today .big'))[0], formatUSD(overview.today.costUSD));
  assert.equal((await texts('#card-all .big'))[0], formatUSD(overview.allTime.costUSD));
  assert.ok(close(first.heat.cost.flat().reduce((a, b) => a + b, 0), hourly.totals.costUSD));
  assert.equal(await page.locator('#heatmap tbody td').count(), 7 * 24);
  assert.equal(await page.locator('#projects tbody tr').count(), projects.rows.length);
  assert.equal((await texts('#projects tbody tr:first-child td'))[0], formatUSD(Math.max(...projects.rows.map((r) => r.costUSD))));
  assert.equal((await texts('#plan-choice'))[0], plan.recommendation.name);

  // the range picker, with the mouse
  await page.getByLabel('7 days', { exact: true }).check();
  await page.waitForFunction(() => window.ccmeter?.range === '7');
  const week = await state();
  const lastWeek = json<Report>(['daily', '--since', '2026-11-14', '--until', '2026-11-20'], env);
  assert.deepEqual([week.from, week.daily.dates.length], ['2026-11-14', 7]);
  assert.ok(close(week.daily.totals.reduce((a, b) => a + b, 0), lastWeek.totals.costUSD));
  assert.equal(await page.locator('#daily-table tbody tr').count(), lastWeek.rows.filter((r) => r.costUSD > 0).length);

  // and with the keyboard: the radios move with the arrow keys
  await page.getByLabel('7 days', { exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => window.ccmeter?.range === '90');
  assert.equal((await state()).daily.dates.length, 90);

  // sortable tables: a header button sorts, and says so
  await page.locator('#projects th button', { hasText: 'Requests' }).click();
  assert.equal(await page.locator('#projects th[aria-sort=descending]').textContent(), 'Requests');

  // live: new log bytes reach the page through /api/events
  const loads = (await state()).loads;
  const file = path.join(env['CLAUDE_CONFIG_DIR']!, 'projects', 'late-project', 'late.jsonl');
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, assistant({ id: 'msg_live', requestId: 'req_live', ts: '2026-11-20T14:30:00.000Z', model: 'claude-opus-4-8', usage: { input_tokens: 1_000_000, output_tokens: 0 } }) + '\n');
  await page.waitForFunction((n) => (window.ccmeter?.loads ?? 0) > n, loads);
  const after = json<{ today: { costUSD: number } }>(['overview'], env);
  assert.equal((await texts('#card-today .big'))[0], formatUSD(after.today.costUSD));
  assert.ok(after.today.costUSD > overview.today.costUSD);

  // themes and a narrow window
  await page.locator('#theme').click();
  assert.equal(await page.locator('html').getAttribute('data-theme'), 'light');
  await page.locator('#theme').click();
  assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
  await page.setViewportSize({ width: 420, height: 900 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(OUT, 'dashboard-narrow-dark.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'no sideways scrolling on a narrow window');
  assert.deepEqual(problems, []);
});
