#!/usr/bin/env node
// Benchmarks ccmeter against ccusage on a large tree built from real transcripts (../shared/tools/amplify.mjs).
// usage: npm run bench [-- --mb 1000 --runs 3 --also-mb 3000 --only cold,warm]
// Prints a Markdown table: median wall time, CPU time and peak RSS per case (GNU time), side by side.
// A script, not a test: timings depend on the machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '1000' },
    'also-mb': { type: 'string' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    corpus: { type: 'string', default: path.join(root, '../shared/corpus/real') },
    trees: { type: 'string', default: path.join(tmpdir(), 'ccmeter-bench') },
  },
});
const runs = Number(args.runs);
const only = args.only ? new Set(args.only.split(',')) : null;
const node = process.execPath;
const cli = path.join(root, 'bin/ccmeter.js');
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function tree(mb) {
  const dir = path.join(args.trees, String(mb));
  if (!existsSync(path.join(dir, 'projects'))) {
    const amplify = path.join(root, '../shared/tools/amplify.mjs');
    if (!existsSync(amplify)) throw new Error(`no tree at ${dir} and no ${amplify} to build one`);
    process.stderr.write(`building a ${mb} MB tree in ${dir}…\n`);
    execFileSync(node, [amplify, args.corpus, dir, String(mb)], { stdio: 'inherit' });
  }
  return dir;
}

/** One timed run: wall seconds, CPU seconds, peak RSS in MB. */
function timed(cmd, argv, env) {
  const started = performance.now();
  const r = gnuTime
    ? spawnSync(gnuTime, ['-f', '%U %S %M', cmd, ...argv], { env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(cmd, argv, { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.stderr}`);
  const m = gnuTime ? /(\d+\.\d+) (\d+\.\d+) (\d+)\s*$/.exec(r.stderr) : null;
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, rssMB: m ? Number(m[3]) / 1024 : NaN, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function summarise(samples) {
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rssMB: Math.max(...samples.map((s) => s.rssMB)) };
}

const ccusage = (() => {
  try {
    execFileSync('ccusage', ['--version'], { stdio: 'ignore' });
    return 'ccusage';
  } catch {
    return null;
  }
})();

const rows = [];
function record(name, mb, s, base) {
  rows.push({ name, mb, ...s, ratio: base ? s.wall / base.wall : NaN });
  process.stderr.write(`${name} (${mb} MB): ${s.wall.toFixed(3)} s wall, ${s.cpu.toFixed(2)} s CPU, ${s.rssMB.toFixed(0)} MB\n`);
}

for (const mb of [args.mb, args['also-mb']].filter(Boolean)) {
  const dir = tree(mb);
  const baseEnv = { ...process.env, CLAUDE_CONFIG_DIR: dir, NO_COLOR: '1', TZ: 'UTC' };
  // ccusage's own command for each ccmeter report (its `session` is our `sessions`)
  const ccu = {};
  if (ccusage && (!only || only.has('ccusage') || only.has('cold') || only.has('warm'))) {
    const reports = !only || only.has('warm') ? ['daily', 'monthly', 'session'] : ['daily'];
    for (const report of reports) {
      const argv = ['claude', report, '--json', '--offline'];
      timed(ccusage, argv, baseEnv); // warm the page cache
      ccu[report] = summarise(Array.from({ length: runs }, () => timed(ccusage, argv, baseEnv)));
      record(`ccusage claude ${report} --json --offline`, mb, ccu[report], null);
    }
  }
  const home = mkdtempSync(path.join(tmpdir(), 'ccmeter-bench-home-'));
  try {
    const env = { ...baseEnv, CCMETER_HOME: home };
    if (!only || only.has('cold')) {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        rmSync(home, { recursive: true, force: true });
        samples.push(timed(node, [cli, 'daily', '--json'], env));
      }
      record('ccmeter daily --json, cold (empty ledger)', mb, summarise(samples), ccu.daily);
    }
    if (!only || only.has('warm')) {
      timed(node, [cli, 'daily', '--json'], env); // make sure the ledger is complete
      record('ccmeter daily --json, warm (nothing new)', mb, summarise(Array.from({ length: runs }, () => timed(node, [cli, 'daily', '--json'], env))), ccu.daily);
      for (const [report, theirs] of [['monthly', 'monthly'], ['sessions', 'session']]) {
        record(`ccmeter ${report} --json, warm`, mb, summarise(Array.from({ length: runs }, () => timed(node, [cli, report, '--json'], env))), ccu[theirs]);
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

console.log('\n| case | tree | wall (median) | CPU | peak RSS | ÷ ccusage wall (same report) |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.mb} MB | ${r.wall.toFixed(3)} s | ${r.cpu.toFixed(2)} s | ${r.rssMB.toFixed(0)} MB | ${Number.isNaN(r.ratio) ? '' : r.ratio.toFixed(2)} |`);
}
