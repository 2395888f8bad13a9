#!/usr/bin/env node
// Bundles the CLI with esbuild into dist/: main.js (the CLI), scan-worker.js (worker threads), and chunks
// for commands loaded on demand, so the statusline does not pay for the dashboard.
import { build } from 'esbuild';
import { copyFileSync, renameSync, rmSync } from 'node:fs';

/**
 * `import … from 'node:fs'` in an ES module builds Node's ESM facade of fs, which reads every export,
 * including the lazy `fs.promises`, and so loads fs/promises, streams and readline: ~5 ms on every start,
 * a sixteenth of the statusline's budget. The bundle takes fs from process.getBuiltinModule instead, the
 * same functions without the facade. Source files keep ordinary imports (tests run them as they are).
 */
const fsWithoutFacade = {
  name: 'fs-without-esm-facade',
  setup(b) {
    b.onResolve({ filter: /^(node:)?fs$/ }, () => ({ path: 'node:fs', namespace: 'builtin-cjs' }));
    b.onLoad({ filter: /.*/, namespace: 'builtin-cjs' }, () => {
      const fs = process.getBuiltinModule('node:fs');
      // plain function and constant members only: `promises` is a getter (the very load to avoid)
      const names = Object.entries(Object.getOwnPropertyDescriptors(fs))
        .filter(([k, d]) => 'value' in d && /^[A-Za-z_$][\w$]*$/.test(k))
        .map(([k]) => k);
      return { contents: `const fs = process.getBuiltinModule('node:fs');\nexport default fs;\nexport const { ${names.join(', ')} } = fs;\n`, loader: 'js' };
    });
  },
};

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
  // maps beside the files, not linked from them: Node reads a linked map's comment on every module load
  // (1.5 ms of the statusline's start) and uses it only under --enable-source-maps
  sourcemap: 'external',
  minifySyntax: true,
  legalComments: 'linked',
  logLevel: 'warning',
  // Ink (`ccmeter watch`) loads React DevTools only when DEV=true and the package is installed: never bundle it
  external: ['react-devtools-core'],
  plugins: [fsWithoutFacade],
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
