#!/usr/bin/env node
// Writes config.schema.json (the JSON Schema editors use through a config file's `$schema` key) from the
// zod schema in src/config/schema.ts, the one source. `--check` exits 1 when the shipped file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { configSchema } from '../src/config/schema.ts';

const out = path.join(import.meta.dirname, '../config.schema.json');
const schema = { ...z.toJSONSchema(configSchema, { io: 'input' }), title: 'ccmeter configuration', $id: 'https://unpkg.com/ccmeter/config.schema.json' };
const text = JSON.stringify(schema, null, 2) + '\n';
if (process.argv.includes('--check')) {
  const current = readFileSync(out, 'utf8');
  if (current !== text) {
    console.error('config.schema.json is out of date: run npm run build:schema');
    process.exit(1);
  }
  console.log('config.schema.json is current');
} else {
  writeFileSync(out, text);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
