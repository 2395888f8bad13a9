// Phase timings for `CCMETER_DEBUG=timing`: where a command spends its time (discover, plan, scan, write,
// query, render) and the resident memory after each phase, printed to stderr at exit. Costs nothing when off.
const enabled = /\btiming\b/.test(process.env['CCMETER_DEBUG'] ?? '');
const marks: [string, number, number][] = [];
// `performance` is read only when timing is on: its first use loads Node's perf_hooks internals
let last = enabled ? performance.now() : 0;

/** Marks the end of a phase. */
export function phase(name: string): void {
  if (!enabled) return;
  const now = performance.now();
  marks.push([name, now - last, process.memoryUsage.rss() / 1048576]);
  last = now;
}

if (enabled) {
  const origin = performance.timeOrigin;
  process.on('exit', () => {
    const total = performance.now();
    const lines = marks.map(([n, ms, rss]) => `  ${n.padEnd(24)} ${ms.toFixed(1).padStart(8)} ms   rss ${rss.toFixed(0).padStart(4)} MB`);
    process.stderr.write(`timings (since process start ${(Date.now() - origin).toFixed(0)} ms ago, ${total.toFixed(0)} ms in JS):\n${lines.join('\n')}\n`);
  });
}
