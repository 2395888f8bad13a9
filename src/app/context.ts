// What every command starts from: paths, config, prices, the ledger, and (unless told not to) an
// incremental ingest of new log bytes.
import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { openSqliteLedger, type SqliteLedger } from '../ledger/sqlite/sqlite-ledger.ts';
import { Pricer } from '../pricing/cost.ts';
import { applyOverrides, SHIPPED_TABLE, type PriceOverride } from '../pricing/price-table.ts';
import { UsageError } from '../shared/errors.ts';
import { ccmeterPaths, type CcmeterPaths, type PathEnv } from '../shared/paths.ts';
import { phase } from '../shared/timing.ts';
import { isValidTimeZone, localTimeZone, useDateForZone } from '../shared/tz.ts';
import { systemZoneName } from '../sources/system-zone.ts';
import type { DiscoveryEnv } from '../sources/transcripts/discover.ts';
import { defaultWorkerCount, ingest, type IngestOptions, type IngestReport } from '../sources/transcripts/ingest.ts';
import { discardPrewarmedWorkers, prewarmScanWorkers } from '../sources/transcripts/parallel.ts';

export type AppEnv = DiscoveryEnv & PathEnv & { TZ?: string | undefined; CCMETER_WORKERS?: string | undefined };

/** `CCMETER_WORKERS`: worker threads for a large ingest besides the main thread (0 keeps it on one thread). */
function workerCount(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 16) throw new UsageError(`CCMETER_WORKERS=${v}: give a whole number from 0 to 16`);
  return n;
}

export interface AppContext {
  env: AppEnv;
  paths: CcmeterPaths;
  config: Config;
  pricer: Pricer;
  ledger: Ledger;
  /** IANA zone reports group by. */
  tz: string;
  /** What the ingest of this run read; null when the command skipped it. */
  ingest: IngestReport | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Read new log bytes before answering (default true). */
  ingest?: boolean;
  /** `--tz`. */
  tz?: string | undefined;
  onProgress?: IngestOptions['onProgress'];
}

export function resolveTimeZone(flag: string | undefined, config: Config): string {
  return explicitTimeZone(flag, config) ?? systemTimeZone();
}

/**
 * The system's zone; when its name can be read without Intl, local offsets come from Date (shared/tz.ts).
 * Always this process's own `TZ`, the one Date and Intl use, never an injected environment's.
 */
export function systemTimeZone(): string {
  const name = systemZoneName(process.env);
  if (name === undefined) return localTimeZone();
  useDateForZone(name);
  return name;
}

/** `--tz`, else the config's zone, checked; undefined when neither is set (the system zone then applies). */
function explicitTimeZone(flag: string | undefined, config: Config): string | undefined {
  const tz = flag ?? config.reports.timezone;
  if (tz !== undefined && !isValidTimeZone(tz)) throw new UsageError(`Unknown time zone "${tz}"`, 'Use an IANA name such as Europe/Paris or America/New_York.');
  return tz;
}

export function pricerFor(config: Config): Pricer {
  return new Pricer(applyOverrides(SHIPPED_TABLE, config.pricing.models as Record<string, PriceOverride>));
}

export async function openApp(env: AppEnv, options: OpenOptions = {}): Promise<AppContext> {
  const paths = ccmeterPaths(env);
  const config = await loadConfig(paths.config);
  let tz = explicitTimeZone(options.tz, config);
  const pricer = pricerFor(config);
  const workers = workerCount(env.CCMETER_WORKERS);
  // no ledger yet: this run reads the whole history, so its scan workers boot now, beside the ledger's
  // creation and the listing of the logs, rather than during the read
  const firstRead = options.ingest !== false && !existsSync(paths.ledger);
  if (firstRead) prewarmScanWorkers(workers ?? defaultWorkerCount());
  let ledger: SqliteLedger;
  try {
    ledger = openSqliteLedger(paths.ledger, { pricer, firstLoad: firstRead });
  } catch (e) {
    discardPrewarmedWorkers();
    throw e;
  }
  phase('open ledger');
  try {
    const parallel = { ledgerFile: paths.ledger, priceTable: pricer.table, firstLoad: firstRead };
    const report =
      options.ingest === false
        ? null
        : await ingest(ledger, { env, parallel, ...(workers !== undefined ? { workers } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) }).finally(
            discardPrewarmedWorkers, // the ones a small read did not take
          );
    // the load's workers have closed their connections: its log goes into the ledger file, and later writes
    // are synced as usual
    if (firstRead) {
      ledger.finishFirstLoad();
      phase('end first load');
    }
    return {
      env,
      paths,
      config,
      pricer,
      ledger,
      // the system zone is looked up on first use: the first Intl call loads ICU's zone data (~20 ms), which
      // sessions, projects and models never need
      get tz() {
        return (tz ??= systemTimeZone());
      },
      ingest: report,
      close: () => ledger.close(),
    };
  } catch (e) {
    await ledger.close();
    throw e;
  }
}
