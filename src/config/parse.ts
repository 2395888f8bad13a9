// Validation of the config file's text against the schema; errors name the key.
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
