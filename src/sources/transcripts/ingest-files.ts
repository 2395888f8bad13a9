// Ingest of named files only: the statusline reads the new bytes of the current transcript (and its
// sub-agents), never the whole history, so it answers fast whatever the history's size.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../ledger/ledger.ts';
import { BatchCollector } from './collector.ts';
import type { TranscriptFile } from './discover.ts';
import { planFile } from './plan.ts';
import { FileScanner } from './scan-file.ts';
import { scanTask } from './scan-task.ts';

/** A transcript known only by its path: `…/projects/<project>/<session>.jsonl` or a sub-agent file below it. */
export function describeTranscript(file: string): TranscriptFile | null {
  let st;
  try {
    st = statSync(file);
  } catch {
    return null;
  }
  if (!st.isFile()) return null;
  const parts = path.resolve(file).split(path.sep);
  const at = parts.lastIndexOf('projects');
  const rel = at >= 0 ? parts.slice(at + 1) : parts.slice(-2);
  const name = rel[rel.length - 1]!;
  const underSubagents = rel.length >= 3 && rel[rel.length - 2] === 'subagents';
  return {
    path: file,
    projectsDir: at >= 0 ? parts.slice(0, at + 1).join(path.sep) : path.dirname(file),
    project: rel.length > 1 ? rel[0]! : '',
    pathSession: underSubagents ? rel[rel.length - 3]! : name.replace(/\.jsonl$/, ''),
    agentFile: underSubagents || name.startsWith('agent-'),
    size: st.size,
    mtimeMs: Math.trunc(st.mtimeMs),
    ino: st.ino,
    dev: st.dev,
  };
}

/** The main transcript and the files of its sub-agents (`<session>/subagents/*.jsonl`). */
export function sessionFiles(transcript: string): string[] {
  const dir = transcript.replace(/\.jsonl$/, '');
  let agents: string[] = [];
  try {
    agents = readdirSync(path.join(dir, 'subagents')).filter((n) => n.endsWith('.jsonl')).map((n) => path.join(dir, 'subagents', n));
  } catch {
    // no sub-agents
  }
  return [transcript, ...agents];
}

/** Reads the unread bytes of `files` into the ledger; returns how many bytes were read. */
export async function ingestFiles(ledger: Ledger, files: readonly string[]): Promise<number> {
  const scanner = new FileScanner();
  const collector = new BatchCollector();
  let bytes = 0;
  for (const f of files) {
    const file = describeTranscript(f);
    if (!file) continue;
    const plan = planFile(file, await ledger.fileState(file.path));
    if (plan === null) continue;
    const task = typeof plan === 'string' ? { file, from: 0, badLinesBefore: 0 } : plan;
    const scan = scanTask(scanner, task, collector.add);
    if (scan instanceof Error) continue;
    collector.addFile(task, scan);
    bytes += scan.bytes;
  }
  if (!collector.isEmpty) await ledger.applyBatch(collector.drain());
  return bytes;
}
