// Scanning below the ledger: the records the readers produce, per file or merged the way ingest merges them.
import type { RequestRecord } from '../../src/ledger/request.ts';
import { BatchCollector } from '../../src/sources/transcripts/collector.ts';
import { discover, type DiscoveryEnv, type TranscriptFile } from '../../src/sources/transcripts/discover.ts';
import { FileScanner, type FileScan } from '../../src/sources/transcripts/scan-file.ts';
import { fileContext } from '../../src/sources/transcripts/scan-task.ts';

const byKeyThenContent = (a: RequestRecord, b: RequestRecord): number => {
  const x = a.key + '\u0000' + JSON.stringify(a);
  const y = b.key + '\u0000' + JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** One file read from `from` by the fast byte reader, or by the JSON.parse reader alone (`slowOnly`): every record, sorted. */
export function scanFile(file: TranscriptFile, slowOnly: boolean, from = 0): { records: RequestRecord[]; scan: FileScan } {
  const scanner = new FileScanner();
  scanner.slowOnly = slowOnly;
  const records: RequestRecord[] = [];
  const scan = scanner.scan(file.path, from, fileContext(file), (r) => records.push({ ...r }));
  return { records: records.sort(byKeyThenContent), scan };
}

/** Every transcript under `env`, read and deduplicated in memory as ingest does before writing: records by key. */
export function collectRecords(env: DiscoveryEnv): Map<string, RequestRecord> {
  const collector = new BatchCollector();
  const scanner = new FileScanner();
  for (const f of discover(env).files) scanner.scan(f.path, 0, fileContext(f), collector.add);
  return new Map(collector.drain().requests.map((r) => [r.key, r]));
}
