// Reads and validates the config file. A missing file is the defaults; an invalid one is an error naming
// the key, never silently ignored.
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { UsageError } from '../shared/errors.ts';
import { configSchema, type Config } from './schema.ts';

z.config(en());

function keyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(top level)';
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      if (i.code === 'unrecognized_keys') return i.keys.map((k) => `${keyPath([...i.path, k])}: unknown key`).join('; ');
      return `${keyPath(i.path)}: ${i.message}`;
    })
    .join('; ');
}

export function parseConfig(text: string, file: string): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`The config file ${file} is not valid JSON: ${(e as Error).message}`, 'Fix the file, or move it away to use the defaults.');
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(`The config file ${file} is invalid: ${describeIssues(parsed.error.issues)}`, 'See config.schema.json for every key.');
  }
  return parsed.data;
}

export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return configSchema.parse({});
    throw new UsageError(`Cannot read the config file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseConfig(text, file);
}
