// Where Claude Code's transcripts are (facts/transcripts.md §1): `CLAUDE_CONFIG_DIR` (comma-separated,
// exclusive when set, each entry a config dir holding `projects/` or the `projects/` dir itself, `~`
// expanded), else `~/.claude` and `$XDG_CONFIG_HOME/claude`. Every `*.jsonl` below `projects/` at any
// depth counts, dot-names included: `<project>/<session>.jsonl`, `agent-*.jsonl` beside it,
// `<session>/subagents/*.jsonl`.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { CcmeterError } from '../../shared/errors.ts';
import { holdYoungGeneration } from './young-generation.ts';

export interface LogRoot {
  /** The folder named by the user or the default (a config dir or a `projects/` dir). */
  dir: string;
  projectsDir: string;
}

export interface TranscriptFile {
  path: string;
  /** The `projects/` folder this file was found under. */
  projectsDir: string;
  /** First folder under `projects/` (the encoded cwd), or "" for a file directly in `projects/`. */
  project: string;
  /** The session named by the path: the folder of a `subagents/` file, else the file stem. */
  pathSession: string;
  agentFile: boolean;
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
}

export interface Discovery {
  roots: LogRoot[];
  files: TranscriptFile[];
  /** Missing or unreadable folders: reported, never fatal. */
  warnings: string[];
}

export interface DiscoveryEnv {
  CLAUDE_CONFIG_DIR?: string | undefined;
  XDG_CONFIG_HOME?: string | undefined;
  HOME?: string | undefined;
}

function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The `projects/` folder of a root entry, or null when it has none. */
function projectsDirOf(entry: string): string | null {
  if (path.basename(entry) === 'projects' && isDir(entry)) return entry;
  const inner = path.join(entry, 'projects');
  return isDir(inner) ? inner : null;
}

export function resolveRoots(env: DiscoveryEnv): { roots: LogRoot[]; warnings: string[] } {
  const home = env.HOME || homedir();
  const warnings: string[] = [];
  const roots: LogRoot[] = [];
  const seen = new Set<string>();
  const add = (dir: string, projectsDir: string) => {
    let real = projectsDir;
    try {
      real = realpathSync(projectsDir);
    } catch {
      // keep the path as given
    }
    if (seen.has(real)) return;
    seen.add(real);
    roots.push({ dir, projectsDir });
  };

  const configured = env.CLAUDE_CONFIG_DIR?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  if (configured.length > 0) {
    for (const entry of configured) {
      const dir = path.resolve(expandHome(entry, home));
      const projects = projectsDirOf(dir);
      if (projects) add(dir, projects);
      else warnings.push(`CLAUDE_CONFIG_DIR entry ${dir} has no projects/ folder (missing or unreadable); skipped`);
    }
    if (roots.length === 0) {
      throw new CcmeterError(
        `No Claude Code logs: none of the CLAUDE_CONFIG_DIR entries (${configured.join(', ')}) holds a projects/ folder.`,
        'Point CLAUDE_CONFIG_DIR at a Claude Code config folder (the one holding projects/), or unset it to use ~/.claude.',
      );
    }
    return { roots, warnings };
  }
  const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
  for (const dir of [path.join(home, '.claude'), path.join(xdg, 'claude')]) {
    const projects = projectsDirOf(dir);
    if (projects) add(dir, projects);
  }
  return { roots, warnings };
}

const SUBAGENTS = 'subagents';

/** `rel`: the folders between projects/ and the file; `name`: the file's name. */
function describe(projectsDir: string, file: string, rel: readonly string[], name: string, st: { size: number; mtimeMs: number; ino: number; dev: number }): TranscriptFile {
  const underSubagents = rel.length >= 2 && rel[rel.length - 1] === SUBAGENTS;
  return {
    path: file,
    projectsDir,
    project: rel.length > 0 ? rel[0]! : '',
    pathSession: underSubagents ? rel[rel.length - 2]! : name.slice(0, -'.jsonl'.length),
    agentFile: underSubagents || name.startsWith('agent-'),
    size: st.size,
    mtimeMs: Math.trunc(st.mtimeMs),
    ino: st.ino,
    dev: st.dev,
  };
}

/** Every transcript under the roots. Folders that cannot be read are reported and skipped. */
export function discover(env: DiscoveryEnv): Discovery {
  const { roots, warnings } = resolveRoots(env);
  const files: TranscriptFile[] = [];
  const visited = new Set<string>();
  // folders are identified by device and inode: a symlink loop or a folder reached twice is walked once
  const walk = (projectsDir: string, dir: string, rel: readonly string[]) => {
    try {
      const st = statSync(dir);
      const id = `${st.dev}:${st.ino}`;
      if (visited.has(id)) return;
      visited.add(id);
    } catch {
      // unreadable: readdir below reports it
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      warnings.push(`cannot read ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}; skipped`);
      return;
    }
    for (const e of entries) {
      const p = dir + path.sep + e.name;
      if (e.isDirectory()) walk(projectsDir, p, [...rel, e.name]);
      else if (e.name.endsWith('.jsonl') && (e.isFile() || e.isSymbolicLink())) {
        try {
          const st = statSync(p);
          if (st.isFile()) {
            // the list of a large tree survives V8's young collections, which alone grew the main thread's young
            // generation to 16 MB at 20,000 files: hold it (young-generation.ts) as the list grows. Not below
            // 4,096 files, which never grew it: the first check loads node:v8 (2.5 ms of a warm report).
            if (files.push(describe(projectsDir, p, rel, e.name, st)) % 4096 === 0) holdYoungGeneration();
          }
          else if (st.isDirectory()) walk(projectsDir, p, [...rel, e.name]);
        } catch (err) {
          warnings.push(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code ?? String(err)}; skipped`);
        }
      } else if (e.isSymbolicLink() && isDir(p)) walk(projectsDir, p, [...rel, e.name]);
    }
  };
  for (const root of roots) walk(root.projectsDir, root.projectsDir, []);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { roots, files, warnings };
}
