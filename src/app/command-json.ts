// The object each command prints with --json, assembled in one place: the CLI commands print it and the
// dashboard's `/api/<command>` routes send it, so the two cannot drift. Options come in already parsed
// (dates through the CLI's date parser); what is validated here is validated for both.
import { WEEKDAYS } from '../config/defaults.ts';
import type { BlocksView } from '../model/blocks.ts';
import type { PlanId } from '../model/plan-capacity.ts';
import type { PlanReport } from '../model/plan.ts';
import type { ReportKind, UsageReport } from '../model/report.ts';
import { scanWarnings } from '../model/warnings.ts';
import { UsageError } from '../shared/errors.ts';
import type { AppContext } from './context.ts';
import { limitsAndBlocks, type LimitsResult } from './limits.ts';
import { costOverview, type Overview } from './overview.ts';
import { planReport } from './plan.ts';
import { refreshOfficialLimits } from './refresh.ts';
import { usageReport } from './reports.ts';

type Env = Record<string, string | undefined>;

export interface ReportOptions {
  /** Local dates, YYYY-MM-DD. */
  since?: string | undefined;
  until?: string | undefined;
  breakdown?: boolean | undefined;
  /** `--week-start`: a weekday name. */
  weekStart?: string | undefined;
}

function weekdayIndex(day: string): number {
  const i = (WEEKDAYS as readonly string[]).indexOf(day);
  if (i < 0) throw new UsageError(`--week-start ${day}: not a weekday`, `Use one of ${WEEKDAYS.join(', ')}.`);
  return i;
}

/** True when ccmeter found no log folder and the ledger is empty: the reports then say where it looked. */
async function noLogs(app: AppContext): Promise<boolean> {
  return Boolean(app.ingest && app.ingest.discovery.roots.length === 0 && (await app.ledger.stats()).requests === 0);
}

/** Reports whose rows are local calendar periods. */
const ZONED = new Set<ReportKind>(['hourly', 'daily', 'weekly', 'monthly']);

/** `daily`, `weekly`, `monthly`, `hourly`, `sessions`, `projects`, `models`. `noLogsHint`: the text shown when no logs were found. */
export async function reportJson(app: AppContext, kind: ReportKind, o: ReportOptions, noLogsHint: string): Promise<UsageReport> {
  const weekStart = weekdayIndex(o.weekStart ?? app.config.reports.weekStart);
  const stats = await app.ledger.stats();
  const report = await usageReport(
    app.ledger,
    // sessions, projects and models over the whole history do not depend on the zone: not looking it up
    // spares the first Intl call (see AppContext.tz)
    { kind, tz: ZONED.has(kind) || o.since || o.until ? app.tz : 'UTC', since: o.since, until: o.until, breakdown: Boolean(o.breakdown), weekStart },
    { badLines: stats.badLines, partialTails: stats.partialTails, warnings: app.ingest?.discovery.warnings ?? [] },
  );
  if (await noLogs(app)) report.warnings.unshift(noLogsHint);
  return report;
}

/** Limit windows (`limits`), with fresh official values from the usage endpoint unless `offline`. */
export async function limitsJson(app: AppContext, now: number, o: { offline?: boolean | undefined }, env: Env): Promise<LimitsResult> {
  const refresh = o.offline ? null : await refreshOfficialLimits(app, now, env);
  const result = await limitsAndBlocks(app.ledger, now);
  if (refresh?.note) result.view.notes.push(refresh.note);
  return result;
}

/** `ccmeter` / `overview`. */
export async function overviewJson(app: AppContext, now: number, o: { offline?: boolean | undefined }, env: Env, noLogsHint: string): Promise<Overview> {
  const weekStart = weekdayIndex(app.config.reports.weekStart);
  const stats = await app.ledger.stats();
  const warnings = scanWarnings({ badLines: stats.badLines, partialTails: stats.partialTails, warnings: app.ingest?.discovery.warnings ?? [] });
  if (await noLogs(app)) warnings.unshift(noLogsHint);
  const { view: limits, blocks } = await limitsJson(app, now, o, env);
  return { ...(await costOverview(app.ledger, now, app.tz, weekStart)), limits, activeBlock: blocks.blocks.find((b) => b.active) ?? null, warnings };
}

/** `blocks`, from a local date (already parsed) when given. */
export async function blocksJson(app: AppContext, now: number, since: string | undefined): Promise<BlocksView> {
  const { blocks } = await limitsAndBlocks(app.ledger, now);
  return since ? { ...blocks, blocks: blocks.blocks.filter((b) => b.start.slice(0, 10) >= since) } : blocks;
}

const PLANS = ['pro', 'max_5x', 'max_20x'] as const;

function planId(flag: string, v: string | undefined): PlanId | undefined {
  if (v === undefined) return undefined;
  if ((PLANS as readonly string[]).includes(v)) return v as PlanId;
  throw new UsageError(`${flag} ${v}: not a plan`, `Use one of ${PLANS.join(', ')}.`);
}

export interface PlanOptions {
  months?: string | undefined;
  plan?: string | undefined;
  current?: string | undefined;
}

/** Checks `plan`'s options before anything is opened. */
export function planOptions(o: PlanOptions): { months: number; whatIf: PlanId | undefined; current: PlanId | undefined } {
  const months = o.months === undefined ? 3 : Number(o.months);
  if (!Number.isInteger(months) || months < 1 || months > 24) throw new UsageError(`--months ${o.months}: give a whole number from 1 to 24`);
  return { months, whatIf: planId('--plan', o.plan), current: planId('--current', o.current) };
}

/** `plan`. `env`: the process environment (the OAuth token and user name help detect the current plan). */
export async function planJson(app: AppContext, now: number, o: PlanOptions, env: Env): Promise<PlanReport> {
  const { months, whatIf, current } = planOptions(o);
  return planReport(app.ledger, app.pricer.table.plans, { tz: app.tz, now, months, whatIf, current, env: { ...app.env, CLAUDE_CODE_OAUTH_TOKEN: env['CLAUDE_CODE_OAUTH_TOKEN'], USER: env['USER'] } });
}
