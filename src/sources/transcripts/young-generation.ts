// Holds the young generation of V8's heaps at a fixed size during a large ingest. V8 doubles an isolate's
// young generation each time the bytes that survived its collections since the last doubling exceed its size,
// and does not shrink it while the isolate is busy. A long ingest always has some survivors (the file list,
// requests waiting for the write lock), so the main thread's young generation kept doubling with the length of
// the history: 8 MB after a 1 GB history, 16 or 32 MB after 3 GB (measured with --trace-gc-nvp), most of the
// growth of the peak memory. Held at 8 MB, what a 1 GB history reaches and the scan workers' limit: a 3 GB
// first ingest peaks 9 MB lower, in the same time.
//
// There is no per-isolate setting for this after start-up: the hold is V8's growth factor set to 1, a
// process-wide flag set at run time, once the main thread's young generation has reached the size. Scan
// workers are started with theirs whole, so the hold never keeps one below its limit (one held small promotes
// more and grows its old generation instead). Applied only on the V8 versions it was measured on (Node 22
// and 24); elsewhere V8 sizes as it likes.

/** Young-generation size held, in MiB: two semi-spaces of 4. */
const YOUNG_MB = 8;

const v8Major = Number(process.versions.v8.split('.')[0]);
const KNOWN_V8 = v8Major >= 12 && v8Major <= 14;

// node:v8 is loaded on first use, not at start-up: most runs never start a large ingest
const v8 = () => process.getBuiltinModule('node:v8');
let held = false;

/** Scan workers started from now on begin with their whole young generation. */
export function startWorkersFullSize(): void {
  if (KNOWN_V8) v8().setFlagsFromString(`--min-semi-space-size=${YOUNG_MB / 2}`);
}

/** Stops young generations from growing once this thread's has reached its size; cheap between chunks of work. */
export function holdYoungGeneration(): void {
  if (held || !KNOWN_V8) return;
  const young = v8().getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (young === undefined || young.space_size < YOUNG_MB * 1024 * 1024) return;
  v8().setFlagsFromString('--semi-space-growth-factor=1');
  held = true;
}
