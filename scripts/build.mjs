#!/usr/bin/env node
// Bundles the CLI with esbuild into dist/: main.js (the CLI), scan-worker.js (worker threads), and chunks
// for commands loaded on demand, so the statusline does not pay for the dashboard.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: {
    main: 'src/surfaces/cli/entry.ts',
    statusline: 'src/surfaces/cli/statusline-entry.ts',
    'scan-worker': 'src/sources/transcripts/scan-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.13',
  sourcemap: 'linked',
  minifySyntax: true,
  legalComments: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies (commander) call require() for Node built-ins
  banner: { js: "import { createRequire as __ccmCreateRequire } from 'node:module'; const require = __ccmCreateRequire(import.meta.url);" },
});
