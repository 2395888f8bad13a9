// What wakes the live view: new bytes in the transcripts (fs.watch on each `projects/` folder, recursive),
// new rows in the ledger (its -wal file changes when the statusline records limits), and a slow timer
// that moves the countdowns. No polling of the logs: an idle view does nothing between timer ticks.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface Wakeups {
  /** Transcript files that changed; null when a watcher could not say which (read everything new). */
  onLogs(files: string[] | null): void;
  onLedger(): void;
  onTick(): void;
}

export interface SourceOptions {
  projectsDirs: readonly string[];
  ledgerFile: string;
  tickMs: number;
}

/** Starts watching; returns the function that stops everything. */
export function watchSources(o: SourceOptions, wake: Wakeups): () => void {
  const watchers: FSWatcher[] = [];
  const add = (dir: string, recursive: boolean, onEvent: (name: string | null) => void): boolean => {
    try {
      const w = watch(dir, { recursive, persistent: true }, (_event, name) => onEvent(name === null ? null : String(name)));
      w.on('error', () => onEvent(null));
      watchers.push(w);
      return true;
    } catch {
      return false;
    }
  };
  let blind = false;
  for (const dir of o.projectsDirs) {
    // a transcript names itself; anything else (a new project or sub-agent folder, whose files may be
    // written before its watch starts) makes the next update look at every file
    const ok = add(dir, true, (name) => wake.onLogs(name !== null && name.endsWith('.jsonl') ? [path.join(dir, name)] : null));
    blind ||= !ok;
  }
  const ledgerName = path.basename(o.ledgerFile);
  add(path.dirname(o.ledgerFile), false, (name) => {
    if (name === null || name === `${ledgerName}-wal` || name === ledgerName) wake.onLedger();
  });
  // a folder that cannot be watched (no recursive watch here, too many watches): read new bytes on each tick
  const timer = setInterval(() => (blind ? wake.onLogs(null) : wake.onTick()), o.tickMs);
  return () => {
    clearInterval(timer);
    for (const w of watchers) w.close();
  };
}
