// What `ccmeter watch` shows, computed from the ledger at `now`: the limit windows, the active 5-hour block,
// cost per 15 minutes over the last hours, today's cost by model, the latest requests. The live view only
// renders this object; it has no numbers of its own.
import type { Ledger, RecentRequest } from '../ledger/ledger.ts';
import type { Block } from '../model/blocks.ts';
import type { LimitsView } from '../model/limits.ts';
import { costBuckets, type CostBucket } from '../model/timeline.ts';
import { addDays, localDate, localMidnight } from '../shared/tz.ts';
import { resolveRoots, type DiscoveryEnv } from '../sources/transcripts/discover.ts';
import { ingestFiles } from '../sources/transcripts/ingest-files.ts';
import { ingest } from '../sources/transcripts/ingest.ts';
import { limitsAndBlocks } from './limits.ts';

export const TIMELINE_BUCKET_MS = 15 * 60_000;
export const TIMELINE_BUCKETS = 24;

export interface ModelCost {
  model: string;
  requests: number;
  costUSD: number;
}

export interface LatestRequest extends RecentRequest {
  /** The last folder of the project's working directory (or its encoded name). */
  projectName: string;
}

/** The view `ccmeter watch` renders. */
export interface WatchView {
  generatedAt: string;
  tz: string;
  limits: LimitsView;
  /** The current 5-hour block, with burn rate and projection, if there is activity in it. */
  activeBlock: Block | null;
  /** Cost per 15 minutes over the last 6 hours, oldest first; the last bucket holds `generatedAt`. */
  timeline: CostBucket[];
  today: { date: string; requests: number; costUSD: number; models: ModelCost[] };
  /** Newest first. */
  latest: LatestRequest[];
}

export async function watchView(ledger: Ledger, now: number, tz: string, latestCount: number): Promise<WatchView> {
  const date = localDate(tz, now);
  const [{ view: limits, blocks }, minutes, models, latest, projects] = await Promise.all([
    limitsAndBlocks(ledger, now),
    ledger.rollup({ groupBy: 'minute', tz: 'UTC', since: now - TIMELINE_BUCKETS * TIMELINE_BUCKET_MS }),
    ledger.rollup({ groupBy: 'model', tz, since: localMidnight(tz, date), until: localMidnight(tz, addDays(date, 1)) }),
    ledger.latestRequests(latestCount),
    ledger.projects(),
  ]);
  const cwd = new Map(projects.map((p) => [p.project, p.cwd]));
  const todayModels = models.map((r) => ({ model: r.model, requests: r.requests, costUSD: r.costUSD })).sort((a, b) => b.costUSD - a.costUSD);
  return {
    generatedAt: new Date(now).toISOString(),
    tz,
    limits,
    activeBlock: blocks.blocks.find((b) => b.active) ?? null,
    timeline: costBuckets(minutes, now, TIMELINE_BUCKET_MS, TIMELINE_BUCKETS),
    today: {
      date,
      requests: todayModels.reduce((n, m) => n + m.requests, 0),
      costUSD: todayModels.reduce((n, m) => n + m.costUSD, 0),
      models: todayModels,
    },
    latest: latest.map((r) => ({ ...r, projectName: projectName(r.project, cwd.get(r.project) ?? null) })),
  };
}

/** The `projects/` folders whose changes the live view follows. */
export function projectsDirs(env: DiscoveryEnv): string[] {
  return resolveRoots(env).roots.map((r) => r.projectsDir);
}

/** Reads new log bytes into the ledger: of the named transcripts, or (null) of every file under the log roots. */
export async function readNewLogs(ledger: Ledger, env: DiscoveryEnv, files: readonly string[] | null): Promise<void> {
  if (files === null) await ingest(ledger, { env });
  else if (files.length > 0) await ingestFiles(ledger, files);
}

function projectName(project: string, cwd: string | null): string {
  if (cwd) return cwd.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || cwd;
  return project;
}
