#!/usr/bin/env node
// Bundles the CLI with esbuild into dist/: main.js (the CLI), scan-worker.js (worker threads), and chunks
// for commands loaded on demand, so the statusline does not pay for the dashboard.
import { build } from 'esbuild';
import { copyFileSync, renameSync, rmSync } from 'node:fs';

// build beside dist/ and swap it in at the end: a test run reading dist/ never sees a half-built folder
const out = `dist.build-${process.pid}`;
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: {
    main: 'src/surfaces/cli/entry.ts',
    statusline: 'src/surfaces/cli/statusline-entry.ts',
    bar: 'src/surfaces/cli/bar-entry.ts',
    'scan-worker': 'src/sources/transcripts/scan-worker.ts',
  },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.13',
  sourcemap: 'linked',
  minifySyntax: true,
  legalComments: 'linked',
  logLevel: 'warning',
  // Ink (`ccmeter watch`) loads React DevTools only when DEV=true and the package is installed: never bundle it
  external: ['react-devtools-core'],
  // React's production build: its development build checks every render (ten times the CPU of the live view)
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies (commander) call require() for Node built-ins
  banner: { js: "import { createRequire as __ccmCreateRequire } from 'node:module'; const require = __ccmCreateRequire(import.meta.url);" },
});
// the dashboard page (`ccmeter serve`): browser code and its CSS (uPlot's included) in dist/dashboard/,
// beside a copy of index.html; served by the dashboard, nothing fetched from the network at run time
await build({
  entryPoints: { app: 'src/surfaces/dashboard/page/main.ts' },
  outdir: `${out}/dashboard`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome111', 'firefox113', 'safari16.4'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync('src/surfaces/dashboard/page/index.html', `${out}/dashboard/index.html`);
rmSync('dist', { recursive: true, force: true });
renameSync(out, 'dist');
