// A child process that prints `batch` after each committed batch, killed with SIGKILL after `killAfterBatches`
// of them: the crash-and-resume tests of the ingest and of the team sync.
import { spawn } from 'node:child_process';

export function runUntilKilled(script: string, args: readonly string[], killAfterBatches: number): Promise<{ batches: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let batches = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      batches += chunk.split('\n').filter((l) => l === 'batch').length;
      if (batches >= killAfterBatches) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ batches, signal }));
  });
}
