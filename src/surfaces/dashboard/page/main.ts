/// <reference lib="dom" />
// The dashboard page: loads the API's answers, draws every section, and reloads when /api/events says new
// usage or a limit reading landed. The data each chart shows is also on `window.ccmeter` (for tests and
// for anyone curious), next to the tables that are the charts' text alternative.
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { ApiError, getJson, type LimitHistoryView, type Overview, type PlanReport, type UsageReport } from './api.ts';
import { byId } from './dom.ts';
import { addDays } from './format.ts';
import { dailySeries, renderDaily, type DailySeries } from './sections/daily.ts';
import { heatGrid, renderHeatmap, type HeatGrid } from './sections/heatmap.ts';
import { renderLimitHistory, renderLimits, tickLimits } from './sections/limits.ts';
import { renderOverview } from './sections/overview.ts';
import { renderPlan } from './sections/plan.ts';
import { renderProjects, renderSessions } from './sections/usage-tables.ts';
import { initTheme } from './theme.ts';

type Range = '7' | '30' | '90' | 'all';
const RANGES: readonly Range[] = ['7', '30', '90', 'all'];
const RANGE_KEY = 'ccmeter-range';

interface RangeData {
  range: Range;
  from: string;
  to: string;
  daily: UsageReport;
  projects: UsageReport;
  sessions: UsageReport;
  hourly: UsageReport;
}

interface Loaded {
  overview: Overview;
  plan: PlanReport;
  history: LimitHistoryView;
  loadedAt: number;
  ranged: RangeData;
}

/** What the page shows, exposed for tests. */
export interface PageState {
  ready: boolean;
  /** Completed loads (1 after the first, +1 per live update or range change). */
  loads: number;
  range: Range;
  from: string;
  to: string;
  daily: DailySeries;
  heat: HeatGrid;
  limits: { window: string; usedPercent: number | null; stale: boolean }[];
  recommendation: string;
  /** ms from navigation start to the first complete draw. */
  readyMs: number;
}

declare global {
  interface Window {
    ccmeter?: PageState;
  }
}

let range: Range = RANGES.find((r) => r === localStorage.getItem(RANGE_KEY)) ?? '30';
let current: Loaded | null = null;
let loads = 0;

const rangeText = (r: Range) => (r === 'all' ? 'all time' : `last ${r} days`);

async function loadRange(r: Range, today: string): Promise<RangeData> {
  const since = r === 'all' ? undefined : addDays(today, -(Number(r) - 1));
  const q = { since, until: today };
  const [daily, projects, sessions, hourly] = await Promise.all([
    getJson<UsageReport>('daily', { ...q, breakdown: true }),
    getJson<UsageReport>('projects', q),
    getJson<UsageReport>('sessions', q),
    getJson<UsageReport>('hourly', q),
  ]);
  return { range: r, from: since ?? daily.rows[0]?.key ?? today, to: today, daily, projects, sessions, hourly };
}

async function load(): Promise<void> {
  const [overview, plan, history] = await Promise.all([getJson<Overview>('overview'), getJson<PlanReport>('plan'), getJson<LimitHistoryView>('limit-history', { days: '7' })]);
  const ranged = await loadRange(range, overview.today.to);
  current = { overview, plan, history, loadedAt: Date.now(), ranged };
  draw();
}

function draw(): void {
  if (!current) return;
  const { overview, plan, history, loadedAt, ranged } = current;
  const text = rangeText(ranged.range);
  renderOverview(byId('overview'), overview);
  renderLimits(byId('limits'), overview.limits, loadedAt);
  renderLimitHistory(byId('history-chart'), byId('history-table'), history);
  const daily = dailySeries(ranged.daily, ranged.from, ranged.to);
  renderDaily({ chart: byId('daily-chart'), legend: byId('daily-legend'), readout: byId('daily-readout'), table: byId('daily-table') }, daily, text);
  renderProjects(byId('projects'), ranged.projects, text);
  renderSessions(byId('sessions'), ranged.sessions, text);
  const heat = heatGrid(ranged.hourly);
  renderHeatmap(byId('heatmap'), heat, text);
  renderPlan(byId('plan'), plan);
  window.ccmeter = {
    ready: true,
    loads,
    range: ranged.range,
    from: ranged.from,
    to: ranged.to,
    daily,
    heat,
    limits: overview.limits.windows.map((w) => ({ window: w.window, usedPercent: w.usedPercent, stale: w.stale })),
    recommendation: plan.recommendation.option,
    readyMs: window.ccmeter?.readyMs ?? performance.now(),
  };
  document.documentElement.dataset['state'] = 'ready';
}

function showError(e: unknown): void {
  const el = byId('error');
  el.hidden = false;
  el.textContent =
    e instanceof ApiError && e.status === 401
      ? 'This page is not signed in (its token is missing or out of date). Open the URL that `ccmeter serve` printed.'
      : `Could not load the data: ${(e as Error).message}`;
}

function setStatus(text: string, kind: 'live' | 'offline' | '' = ''): void {
  const el = byId('status');
  el.textContent = text;
  el.className = `status ${kind}`;
}

/** Runs loads one after another; a request made while one runs is merged into a single next one. */
function loader(): (what: () => Promise<void>) => void {
  let running = false, queued: (() => Promise<void>) | null = null;
  const run = async (what: () => Promise<void>) => {
    running = true;
    try {
      await what();
      loads++;
      if (window.ccmeter) window.ccmeter.loads = loads;
      byId('error').hidden = true;
      setStatus(`Live · updated ${new Date().toLocaleTimeString()}`, 'live');
    } catch (e) {
      showError(e);
    }
    running = false;
    const next = queued;
    queued = null;
    if (next) void run(next);
  };
  return (what) => (running ? (queued = what) : void run(what));
}

function start(): void {
  // the token came in the URL once; the cookie carries it now: keep it out of the history and screenshots
  if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', location.pathname);
  const schedule = loader();
  initTheme(byId<HTMLButtonElement>('theme'), draw);

  const picker = byId<HTMLFieldSetElement>('range');
  for (const input of picker.querySelectorAll<HTMLInputElement>('input[name="range"]')) input.checked = input.value === range;
  picker.addEventListener('change', (e) => {
    const value = (e.target as HTMLInputElement).value;
    range = RANGES.find((r) => r === value) ?? '30';
    localStorage.setItem(RANGE_KEY, range);
    schedule(async () => {
      if (!current) return load();
      current.ranged = await loadRange(range, current.overview.today.to);
      draw();
    });
  });

  schedule(load);
  const events = new EventSource('/api/events');
  // a busy session writes every few seconds: one reload a second at most, however many updates come
  let pending = false;
  events.addEventListener('update', () => {
    if (pending) return;
    pending = true;
    window.setTimeout(() => {
      pending = false;
      schedule(load);
    }, 1000);
  });
  events.addEventListener('error', () => setStatus('Reconnecting to the live feed…', 'offline'));
  events.addEventListener('open', () => current && setStatus(`Live · updated ${new Date(current.loadedAt).toLocaleTimeString()}`, 'live'));
  setInterval(tickLimits, 1000);
}

start();
