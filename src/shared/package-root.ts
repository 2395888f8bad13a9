// The folder ccmeter is installed in (the one holding its package.json), from the running module's path:
// the same answer from the bundle in dist/ and from the sources.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ccmeter') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('ccmeter: cannot find its own package.json');
    dir = up;
  }
}
