// The running dashboard, recorded in CCMETER_HOME's state folder (`dashboard.json`, readable by the user
// only: it holds the token), so `ccmeter serve --open` and the menu bar's "open dashboard" reuse it
// instead of starting a second one. Removed on exit; a record whose process is gone or does not answer is
// ignored.
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface DashboardRecord {
  url: string;
  pid: number;
  host: string;
  port: number;
  startedAt: string;
}

const file = (stateDir: string) => path.join(stateDir, 'dashboard.json');

export function writeRecord(stateDir: string, record: DashboardRecord): void {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(file(stateDir), JSON.stringify(record, null, 2) + '\n', { mode: 0o600 });
}

export function readRecord(stateDir: string): DashboardRecord | null {
  try {
    const r = JSON.parse(readFileSync(file(stateDir), 'utf8')) as Partial<DashboardRecord>;
    if (typeof r.url !== 'string' || typeof r.pid !== 'number' || typeof r.port !== 'number' || typeof r.host !== 'string') return null;
    return { url: r.url, pid: r.pid, host: r.host, port: r.port, startedAt: String(r.startedAt ?? '') };
  } catch {
    return null;
  }
}

/** Removes the record if it is this process's (a newer dashboard may have replaced it). */
export function removeRecord(stateDir: string, pid: number): void {
  if (readRecord(stateDir)?.pid === pid) rmSync(file(stateDir), { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The recorded dashboard, if its process lives and it answers with its token. */
export async function runningDashboard(stateDir: string): Promise<DashboardRecord | null> {
  const r = readRecord(stateDir);
  if (!r || !alive(r.pid)) return null;
  try {
    const url = new URL(r.url);
    const token = url.searchParams.get('token') ?? '';
    const res = await fetch(new URL('/', url), { method: 'HEAD', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2000) });
    return res.ok ? r : null;
  } catch {
    return null;
  }
}
