// Turns bursts of wake-ups into few updates: events are collected for a short quiet period, one update runs
// at a time, and anything that arrives meanwhile is folded into the next one.

export interface Work {
  /** Transcript files with new bytes. */
  files: Set<string>;
  /** Read every log root (a watcher could not say which file changed, or the user asked). */
  all: boolean;
}

export interface Updater {
  logs(files: string[] | null): void;
  /** Recompute the view only (a tick, a ledger write). */
  view(): void;
  /** Waits for the update in progress, then accepts no more. */
  stop(): Promise<void>;
}

export function createUpdater(run: (work: Work) => Promise<void>, quietMs: number): Updater {
  let work: Work = { files: new Set(), all: false };
  let queued = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const schedule = () => {
    queued = true;
    if (timer || running || stopped) return;
    timer = setTimeout(flush, quietMs);
  };
  const flush = () => {
    timer = null;
    if (!queued || stopped) return;
    const mine = work;
    work = { files: new Set(), all: false };
    queued = false;
    running = run(mine).finally(() => {
      running = null;
      if (queued) schedule();
    });
  };
  return {
    logs(files) {
      if (files === null) work.all = true;
      else for (const f of files) work.files.add(f);
      schedule();
    },
    view: schedule,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
