#!/usr/bin/env node
// Bundles the CLI with esbuild into dist/: main.js (the CLI) with chunks for commands loaded on demand,
// and single-file bundles for the statusline, the panel formats and the scan worker.
import { build } from 'esbuild';
import { copyFileSync, renameSync, rmSync } from 'node:fs';

/**
 * Node built-ins without their ES module facades. `import … from 'node:fs'` makes Node build a namespace
 * by reading every export of fs, including the lazy `fs.promises`, which loads fs/promises, streams and
 * readline; `node:process` reads process.report and more. The bundle takes these modules from
 * process.getBuiltinModule instead: the same objects, none of the side loads (~5 ms for fs alone, a
 * sixteenth of the statusline's budget). Heavy modules that a run rarely calls (child_process loads net
 * and dgram; util and crypto their own trees) are loaded on first call by forwarding functions.
 * Source files keep ordinary imports: the tests run them as they are.
 */
const EAGER = new Set(['fs', 'process', 'events', 'os', 'path']);
const LAZY = new Set(['child_process', 'util', 'crypto']);
const builtinsWithoutFacade = {
  name: 'builtins-without-esm-facade',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(fs|process|events|os|path|child_process|util|crypto)$/ }, (args) => ({
      path: args.path.replace(/^node:/, ''),
      namespace: 'builtin-cjs',
    }));
    b.onLoad({ filter: /.*/, namespace: 'builtin-cjs' }, ({ path: name }) => {
      const mod = process.getBuiltinModule(`node:${name}`);
      // plain members only: getters (fs.promises, process.report…) are the very loads to avoid
      const members = Object.entries(Object.getOwnPropertyDescriptors(mod)).filter(([k, d]) => 'value' in d && /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
      const get = `process.getBuiltinModule('node:${name}')`;
      if (EAGER.has(name)) {
        return { contents: `const m = ${get};\nexport default m;\nexport const { ${members.map(([k]) => k).join(', ')} } = m;\n`, loader: 'js' };
      }
      if (!LAZY.has(name)) throw new Error(`builtin ${name}: not configured`);
      // functions forward to the module, loaded at the first call (`new` included, for classes)
      // and object members (util.types) are proxies reading through to the loaded module
      const fns = members.filter(([, d]) => typeof d.value === 'function').map(([k]) => k);
      const objects = members.filter(([, d]) => typeof d.value === 'object' && d.value !== null).map(([k]) => k);
      const forward = (k) => `export function ${k}(...a) { const f = load().${k}; return new.target ? Reflect.construct(f, a, new.target) : f.apply(this, a); }`;
      const through = (k) => `export const ${k} = new Proxy({}, { get: (_, p) => load().${k}[p], has: (_, p) => p in load().${k} });`;
      return {
        contents: [
          'let m;',
          `const load = () => (m ??= ${get});`,
          'export default new Proxy({}, { get: (_, k) => load()[k], has: (_, k) => k in load() });',
          ...fns.map(forward),
          ...objects.map(through),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

// build beside dist/ and swap it in at the end: a test run reading dist/ never sees a half-built folder
const out = `dist.build-${process.pid}`;
rmSync(out, { recursive: true, force: true });
const node = {
  outdir: out,
  bundle: true,
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
  plugins: [builtinsWithoutFacade],
  // React's production build: its development build checks every render (ten times the CPU of the live view)
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies call require() for Node built-ins
  banner: { js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
};
// the CLI, split so that each command loads only its own code (the dashboard, the live view, the server)
await build({ ...node, entryPoints: { main: 'src/surfaces/cli/entry.ts' }, splitting: true });
// the hot entries, one file each: every module file costs the ESM loader ~0.5 ms to resolve, read and
// link, and a shared-chunk layout gives the statusline some twenty of them, a report some 27. The scan worker likewise
// starts faster from one file.
await build({
  ...node,
  entryPoints: {
    statusline: 'src/surfaces/cli/statusline-entry.ts',
    report: 'src/surfaces/cli/report-entry.ts',
    bar: 'src/surfaces/cli/bar-entry.ts',
    'scan-worker': 'src/sources/transcripts/scan-worker.ts',
  },
  splitting: false,
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
