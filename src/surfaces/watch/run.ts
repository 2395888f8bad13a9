// `ccmeter watch`: the live view. Full screen on the alternate screen (Ink draws each frame inside
// synchronized-output markers and redraws on resize); new log bytes are read as they land, the view is
// recomputed on each wake-up, and the terminal is restored on every way out: q, Ctrl-C, SIGINT, SIGTERM,
// SIGHUP.
import { render, type Instance } from 'ink';
import React from 'react';
import type { AppContext } from '../../app/context.ts';
import { projectsDirs, readNewLogs, watchView, type WatchView } from '../../app/watch.ts';
import { WatchScreen } from './screen.ts';
import { watchSources } from './sources.ts';
import { createUpdater, type Work } from './updates.ts';

/** Moves the countdowns and catches limit readings a missed file event would hide. */
const TICK_MS = 30_000;
/** Waits for a burst of appends (a streamed response writes several lines) to end. */
const QUIET_MS = 300;
/** More than any terminal shows; the frame keeps what fits. */
const LATEST = 60;
const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

export interface WatchOptions {
  now(): number;
  color: boolean;
}

export async function runWatch(app: AppContext, o: WatchOptions): Promise<number> {
  let view: WatchView = await watchView(app.ledger, o.now(), app.tz, LATEST);
  let status = '';
  const keys = Boolean(process.stdin.isTTY);
  const screen = () => React.createElement(WatchScreen, { view, status, color: o.color, keys, onQuit: quit, onRefresh: () => updater.logs(null) });
  // every way out goes through quit(): after it, a late update draws nothing on the restored screen
  // interactive: the command has checked stdout is a terminal; Ink's own guess says "not interactive" whenever
  // CI is set (is-in-ci), and then draws only the last frame at exit: a blank screen under CI=1
  const instance: Instance = render(screen(), { interactive: true, alternateScreen: true, exitOnCtrlC: false, patchConsole: false, incrementalRendering: true });
  let closing = false;
  function quit() {
    if (closing) return;
    closing = true;
    instance.unmount();
  }

  const update = async (work: Work) => {
    try {
      await readNewLogs(app.ledger, app.env, work.all ? null : [...work.files]);
      view = await watchView(app.ledger, o.now(), app.tz, LATEST);
      status = '';
    } catch (e) {
      status = `update failed: ${(e as Error).message}`;
    }
    if (!closing) instance.rerender(screen());
  };
  const updater = createUpdater(update, QUIET_MS);
  const stopSources = watchSources(
    { projectsDirs: projectsDirs(app.env), ledgerFile: app.paths.ledger, tickMs: TICK_MS },
    { onLogs: (files) => updater.logs(files), onLedger: () => updater.view(), onTick: () => updater.view() },
  );
  for (const sig of SIGNALS) process.on(sig, quit);
  try {
    await instance.waitUntilExit();
  } finally {
    for (const sig of SIGNALS) process.off(sig, quit);
    stopSources();
    await updater.stop();
  }
  return 0;
}
