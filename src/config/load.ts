// Reads and validates the config file. A missing file is the defaults (without loading the schema
// library); an invalid one is an error naming the key, never silently ignored.
import { readFileSync } from 'node:fs';
import { UsageError } from '../shared/errors.ts';
import { DEFAULT_CONFIG } from './defaults.ts';
import type { Config } from './schema.ts';

export async function loadConfig(file: string): Promise<Config> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(DEFAULT_CONFIG);
    throw new UsageError(`Cannot read the config file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const { parseConfig } = await import('./parse.ts');
  return parseConfig(text, file);
}
