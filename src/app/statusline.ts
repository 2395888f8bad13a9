// The statusline's answer: official limits from stdin (recorded in the ledger), this session's and today's
// cost, context use. It reads only the new bytes of the current transcript and runs indexed queries, so it
// costs the same on a 10 MB or a 10 GB history.
import type { Ledger } from '../ledger/ledger.ts';
import { buildLimitsView, type LimitWindowView } from '../model/limits.ts';
import type { StatusInput } from '../sources/statusline/input.ts';
import { rateLimitSnapshots } from '../sources/statusline/input.ts';
import { ingestFiles, sessionFiles } from '../sources/transcripts/ingest-files.ts';
import { phase } from '../shared/timing.ts';
import { addDays, localDate, localMidnight } from '../shared/tz.ts';

/** The JSON shape of `ccmeter statusline --json`. */
export interface StatusLineView {
  generatedAt: string;
  model: string | null;
  /** The session and weekly windows (and any other official window), freshest first. */
  limits: LimitWindowView[];
  /** This session's API-equivalent cost from the ledger (sub-agents included). */
  sessionCostUSD: number | null;
  /** Claude Code's own estimate for the session, as it reported it. */
  claudeSessionCostUSD: number | null;
  todayCostUSD: number;
  contextUsedPercent: number | null;
  /** What could not be used (malformed input, a busy ledger); the line shows what it can. */
  problems: string[];
}

const HOUR = 3_600_000;

export async function statusLine(ledger: Ledger, input: StatusInput, now: number, tz: string, problems: string[]): Promise<StatusLineView> {
  const snapshots = rateLimitSnapshots(input, now);
  try {
    if (input.transcriptPath) await ingestFiles(ledger, sessionFiles(input.transcriptPath));
    phase('read transcript');
    await ledger.recordLimitSnapshots(snapshots);
    phase('record limits');
  } catch (e) {
    // another ccmeter holds the ledger for longer than the statusline can wait: answer from what is stored
    problems.push(`ledger not updated: ${(e as Error).message}`);
  }
  const today = localDate(tz, now);
  const [session, day, latest, history] = await Promise.all([
    input.sessionId ? ledger.rollup({ groupBy: 'all', tz, session: input.sessionId }) : Promise.resolve([]),
    ledger.rollup({ groupBy: 'all', tz, since: localMidnight(tz, today), until: localMidnight(tz, addDays(today, 1)) }),
    ledger.latestLimitSnapshots(),
    ledger.limitHistory({ since: now - HOUR }),
  ]);
  // stdin's values are the freshest; they are in `latest` unless the write failed
  const fresh = latest.filter((s) => !snapshots.some((n) => n.window === s.window && n.source === s.source));
  const limits = buildLimitsView({ latest: [...fresh, ...snapshots.map((s) => ({ ...s, firstSeen: s.observedAt }))], history, now });
  return {
    generatedAt: new Date(now).toISOString(),
    model: input.modelName ?? input.modelId,
    limits: limits.windows,
    sessionCostUSD: input.sessionId ? session.reduce((s, r) => s + r.costUSD, 0) : null,
    claudeSessionCostUSD: input.sessionCostUSD,
    todayCostUSD: day.reduce((s, r) => s + r.costUSD, 0),
    contextUsedPercent: input.contextUsedPercent,
    problems,
  };
}
