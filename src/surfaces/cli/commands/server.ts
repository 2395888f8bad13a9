// `ccmeter server` (serve the team API until SIGINT/SIGTERM), `server add-member NAME [--admin]` (prints the
// new token once) and `server revoke NAME`. The database is --db or CCMETER_DATABASE_URL.
import { loadConfig } from '../../../config/load.ts';
import { pricerFor } from '../../../app/context.ts';
import { addMember, revokeMember } from '../../../ledger/postgres/members.ts';
import { PostgresStore } from '../../../ledger/postgres/store.ts';
import { CcmeterError, UsageError } from '../../../shared/errors.ts';
import { ccmeterPaths } from '../../../shared/paths.ts';
import type { CliIO } from '../io.ts';
import { appEnv } from '../shared.ts';

export interface ServerOptions {
  db?: string;
  host?: string;
  port?: string;
}

function databaseUrl(o: { db?: string | undefined }, io: CliIO): string {
  const url = o.db ?? io.env['CCMETER_DATABASE_URL'];
  if (!url) throw new UsageError('No database given', 'Pass --db postgres://user@host:5432/ccmeter or set CCMETER_DATABASE_URL.');
  return url;
}

async function openStore(o: { db?: string | undefined }, io: CliIO): Promise<PostgresStore> {
  const config = await loadConfig(ccmeterPaths(appEnv(io)).config);
  return PostgresStore.open(databaseUrl(o, io), { pricer: pricerFor(config) });
}

function parsePort(value: string | undefined): number {
  const port = Number(value ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${value}: not a port number`, 'Use 0 to 65535 (0 picks a free port).');
  return port;
}

export async function serverCommand(o: ServerOptions, io: CliIO): Promise<number> {
  const port = parsePort(o.port);
  const store = await openStore(o, io);
  const { teamServerApp } = await import('../../server/app.ts');
  const { listen } = await import('../../server/serve.ts');
  const server = await listen(teamServerApp(store), o.host ?? '127.0.0.1', port).catch(async (e: Error) => {
    await store.close();
    throw new CcmeterError(`Cannot listen on ${o.host ?? '127.0.0.1'}:${port}: ${e.message}`, 'Pick another --port, or 0 for a free one.');
  });
  io.stdout.write(`${server.url}\n`);
  io.stderr.write(`ccmeter team server on ${server.url}; stop with Ctrl-C.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await store.close();
  return 0;
}

export async function addMemberCommand(name: string, o: { db?: string; admin?: boolean }, io: CliIO): Promise<number> {
  const store = await openStore(o, io);
  try {
    const { member, token } = await addMember(store.db, name, Boolean(o.admin), io.now());
    io.stdout.write(`${token}\n`);
    io.stderr.write(`Added ${member.admin ? 'admin' : 'member'} ${member.name}. The token above is shown only once: give it to ${member.name} for \`ccmeter sync --token\` (or CCMETER_SYNC_TOKEN).\n`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function revokeCommand(name: string, o: { db?: string }, io: CliIO): Promise<number> {
  const store = await openStore(o, io);
  try {
    if (!(await revokeMember(store.db, name, io.now()))) throw new CcmeterError(`No member named "${name}"`);
    io.stdout.write(`Revoked ${name}: the token no longer works; the member's usage stays in team views.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
