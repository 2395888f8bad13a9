// The plan verdict line of the menu-bar formats: `ccmeter plan`'s recommendation in one line. The advisor
// reads months of activity (far over a bar's budget) and its answer moves slowly, so it is kept for six
// hours in the state folder. The current plan comes from ~/.claude.json only: a panel running in the
// background never reads the macOS Keychain (its prompts would pop up unasked); without it, no verdict.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../ledger/ledger.ts';
import type { PlanId } from '../model/plan-capacity.ts';
import type { PlanReport } from '../model/plan.ts';
import type { PlanCard } from '../pricing/price-table.ts';
import { planFromTier, tierFromClaudeJson } from '../sources/claude/plan-tier.ts';

const KEEP_MS = 6 * 3_600_000;

export interface BarPlanQuery {
  tz: string;
  now: number;
  env: { CLAUDE_CONFIG_DIR?: string | undefined; HOME?: string | undefined };
  stateDir: string;
}

interface Cached {
  computedAt: number;
  verdict: string | null;
}

export async function barPlanVerdict(ledger: Ledger, cards: readonly PlanCard[], q: BarPlanQuery): Promise<string | null> {
  const file = path.join(q.stateDir, 'bar-plan.json');
  const cached = readCached(file);
  if (cached && cached.computedAt <= q.now && q.now - cached.computedAt < KEEP_MS) return cached.verdict;
  const current = planFromTier(tierFromClaudeJson(q.env));
  const verdict = current ? verdictLine(await advise(ledger, cards, q, current), current) : null;
  mkdirSync(q.stateDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ computedAt: q.now, verdict } satisfies Cached) + '\n');
  return verdict;
}

/** The advisor, loaded only when the kept verdict is too old. */
async function advise(ledger: Ledger, cards: readonly PlanCard[], q: BarPlanQuery, current: PlanId): Promise<PlanReport> {
  const { planReport } = await import('./plan.ts');
  return planReport(ledger, cards, { tz: q.tz, now: q.now, months: 1, current, env: q.env });
}

function verdictLine(report: PlanReport, current: PlanId): string {
  const r = report.recommendation;
  return `${r.name} fits best${r.option === 'api' ? '' : `, about $${r.monthlyUSD.toFixed(2)} a month`}${r.option === current ? ' (your plan)' : ''}`;
}

function readCached(file: string): Cached | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<Cached>;
    return typeof o.computedAt === 'number' && (typeof o.verdict === 'string' || o.verdict === null) ? { computedAt: o.computedAt, verdict: o.verdict } : null;
  } catch {
    return null;
  }
}
