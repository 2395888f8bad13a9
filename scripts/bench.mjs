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

// Each ccmeter case runs interleaved with ccusage's run of the same report (ccusage, ccmeter, ccusage, …):
// on a machine whose speed drifts over minutes, both sides of a ratio then see the same drift.
const THEIRS = { daily: 'daily', weekly: 'weekly', monthly: 'monthly', sessions: 'session', blocks: 'blocks' };

for (const mb of [args.mb, args['also-mb']].filter(Boolean)) {
  const dir = tree(mb);
  const baseEnv = { ...process.env, CLAUDE_CONFIG_DIR: dir, NO_COLOR: '1', TZ: 'UTC' };
  const theirs = (report) => (ccusage ? () => timed(ccusage, ['claude', THEIRS[report], '--json', '--offline'], baseEnv) : null);
  if (ccusage) timed(ccusage, ['claude', 'daily', '--json', '--offline'], baseEnv); // warm the page cache
  const home = mkdtempSync(path.join(tmpdir(), 'ccmeter-bench-home-'));
  /** `runs` pairs: ours (after `before`), then ccusage's; records both medians. */
  const pairs = (name, report, ours, before = () => {}) => {
    const mine = [];
    const base = [];
    const them = theirs(report);
    for (let i = 0; i < runs; i++) {
      before();
      mine.push(ours());
      if (them) base.push(them());
    }
    const b = base.length ? summarise(base) : null;
    if (b) record(`ccusage claude ${THEIRS[report]} --json --offline (beside the next line)`, mb, b, null);
    record(name, mb, summarise(mine), b);
  };
  try {
    const env = { ...baseEnv, CCMETER_HOME: home };
    if (!only || only.has('cold')) {
      pairs('ccmeter daily --json, cold (empty ledger)', 'daily', () => timed(node, [cli, 'daily', '--json'], env), () => rmSync(home, { recursive: true, force: true }));
    }
    if (!only || only.has('warm')) {
      timed(node, [cli, 'daily', '--json'], env); // make sure the ledger is complete
      pairs('ccmeter daily --json, warm (nothing new)', 'daily', () => timed(node, [cli, 'daily', '--json'], env));
      for (const report of ['weekly', 'monthly', 'sessions', 'blocks']) pairs(`ccmeter ${report} --json, warm`, report, () => timed(node, [cli, report, '--json'], env));
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
