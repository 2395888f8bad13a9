#!/usr/bin/env node
// Median wall time of a command over N runs, in milliseconds: node scripts/startup.mjs [-n 15] -- cmd args…
// For start-up work (the statusline's budget); `npm run bench` covers the big cases.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
let n = 15;
if (args[0] === '-n') {
  n = Number(args[1]);
  args.splice(0, 2);
}
if (args[0] === '--') args.shift();
const [cmd, ...rest] = args;
const input = process.env.STARTUP_STDIN ?? '';
const times = [];
for (let i = 0; i < n + 2; i++) {
  const t = performance.now();
  const r = spawnSync(cmd, rest, { input, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0 && process.env.STARTUP_ALLOW_FAIL !== '1') {
    console.error(r.stderr);
    process.exit(1);
  }
  if (i >= 2) times.push(ms); // two warm-up runs (page cache, compile cache)
}
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
console.log(`median ${q(0.5)} ms  (min ${q(0)}, p90 ${q(0.9)}, n=${n})  ${[cmd, ...rest].join(' ')}`);
