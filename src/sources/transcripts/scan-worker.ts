// Worker thread: told which ledger to write to (`init`, its first message), scans the chunks of files it is
// sent and writes their requests and file offsets to the ledger through its own connection (see parallel.ts).
import { parentPort } from 'node:worker_threads';
import { openSqliteLedger, type SqliteLedger } from '../../ledger/sqlite/sqlite-ledger.ts';
import { Pricer } from '../../pricing/cost.ts';
import { BatchCollector } from './collector.ts';
import type { FromWorker, ToWorker } from './parallel.ts';
import { FileScanner } from './scan-file.ts';
import { scanTask } from './scan-task.ts';

const scanner = new FileScanner();
const collector = new BatchCollector();
const port = parentPort!;
/** Set by the `init` message, which comes before any chunk. */
let ledger: SqliteLedger;
let batchSize = 0;

port.on('message', async (m: ToWorker) => {
  if (m.type === 'init') {
    ledger = openSqliteLedger(m.ledger.ledgerFile, { pricer: new Pricer(m.ledger.priceTable), firstLoad: m.ledger.firstLoad === true });
    batchSize = m.ledger.batchSize;
    return;
  }
  if (m.type === 'finish') {
    if (!collector.isEmpty) await ledger.applyBatch(collector.drain()); // waits for the lock if need be
    await ledger.close();
    port.postMessage({ type: 'finished' } satisfies FromWorker);
    return;
  }
  const scans: Extract<FromWorker, { type: 'chunk-done' }>['scans'] = [];
  for (const { index, task } of m.items) {
    const scan = scanTask(scanner, task, collector.add);
    if (scan instanceof Error) scans.push({ index, scan: { error: scan.message } });
    else {
      collector.addFile(task, scan);
      scans.push({ index, scan });
    }
  }
  // write when there is enough, unless another worker is writing: then scan on and try after the next chunk
  if (collector.size >= batchSize) collector.writeIf((batch) => ledger.tryApplyBatch(batch));
  port.postMessage({ type: 'chunk-done', scans } satisfies FromWorker);
});
