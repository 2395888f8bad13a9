#!/usr/bin/env node
// ccmeter launcher: refuses an old Node with a clear message, turns on the compile cache (start-up matters
// for the statusline), then loads the bundled CLI. Plain JavaScript that any Node can parse.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(
    `ccmeter needs Node.js 22.13 or newer (it uses the built-in node:sqlite); this is Node.js ${process.versions.node}.\n` +
      'Install a current Node.js (https://nodejs.org), or run ccmeter through npm scripts in its folder, which use the Node it installs.\n',
  );
  process.exit(1);
}
const { enableCompileCache } = await import('node:module');
try {
  enableCompileCache?.();
} catch {
  // the cache is an optimisation only
}
// `ccmeter statusline` runs after every Claude Code message: a lean entry without the command-line parser
const [command, ...rest] = process.argv.slice(2);
// the same for the menu-bar and panel formats, which refresh every few seconds; the usage reports load one
// file with just their commands instead of the CLI's many chunks
const REPORTS = ['daily', 'weekly', 'monthly', 'hourly', 'sessions', 'projects', 'models'];
if (command === 'statusline' && rest.every((a) => a === '--json')) await import('../dist/statusline.js');
else if (command === 'bar' && rest.length > 0 && rest[0].startsWith('--')) await import('../dist/bar.js');
else if (REPORTS.includes(command)) await import('../dist/report.js');
else await import('../dist/main.js');
