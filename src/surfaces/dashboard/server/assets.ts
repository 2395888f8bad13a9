// The page's static files, built by scripts/build.mjs into dist/dashboard/ and shipped in the package:
// read once, kept in memory, served by name (no paths from the request reach the file system).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CcmeterError } from '../../../shared/errors.ts';
import { packageRoot } from '../../../shared/package-root.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

export function assetsDir(): string {
  return path.join(packageRoot(), 'dist', 'dashboard');
}

/** Every file of the built page, by name. */
export function loadAssets(dir: string = assetsDir()): Map<string, Asset> {
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new CcmeterError(`The dashboard page is not built (no ${path.join(dir, 'index.html')}).`, 'Run `npm run build` in the ccmeter folder.');
  }
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) assets.set(name, { body: new Uint8Array(readFileSync(path.join(dir, name))), type });
  }
  return assets;
}
