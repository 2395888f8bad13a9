// Finding transcripts (facts/transcripts.md §1, §2): CLAUDE_CONFIG_DIR is a comma list of config dirs or
// projects/ dirs, `~` expanded, exclusive when set, an error when no entry is valid; else ~/.claude and
// $XDG_CONFIG_HOME/claude (default ~/.config/claude). Missing or unreadable folders are warnings, never fatal.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CcmeterError } from '../../src/shared/errors.ts';
import { discover } from '../../src/sources/transcripts/discover.ts';
import { ingest } from '../../src/sources/transcripts/ingest.ts';
import { assistant, tempDir, writeProjects } from '../helpers/fixtures.ts';
import { newLedger } from '../helpers/ledger.ts';

const line = [assistant()];
const rel = (base: string, files: { path: string }[]) => files.map((f) => path.relative(base, f.path)).sort();
const isRoot = process.getuid?.() === 0;

test('CLAUDE_CONFIG_DIR is a comma list whose entries are config dirs or projects/ dirs themselves', (t) => {
  const base = tempDir(t);
  const a = writeProjects(path.join(base, 'a'), { 'p/s.jsonl': line });
  const b = writeProjects(path.join(base, 'b'), { 'q/s.jsonl': line });
  const found = discover({ CLAUDE_CONFIG_DIR: ` ${a} ,${path.join(b, 'projects')}`, HOME: base });
  assert.deepEqual(found.roots, [
    { dir: a, projectsDir: path.join(a, 'projects') },
    { dir: path.join(b, 'projects'), projectsDir: path.join(b, 'projects') },
  ]);
  assert.deepEqual(rel(base, found.files), ['a/projects/p/s.jsonl', 'b/projects/q/s.jsonl']);
  assert.deepEqual(found.warnings, []);
});

test('~ in CLAUDE_CONFIG_DIR entries is the HOME of the environment given', (t) => {
  const home = tempDir(t);
  writeProjects(path.join(home, 'work-claude'), { 'p/s.jsonl': line });
  writeProjects(home, { 'q/s.jsonl': line });
  const found = discover({ CLAUDE_CONFIG_DIR: '~/work-claude,~', HOME: home });
  assert.deepEqual(found.roots.map((r) => r.projectsDir), [path.join(home, 'work-claude/projects'), path.join(home, 'projects')]);
  assert.deepEqual(rel(home, found.files), ['projects/q/s.jsonl', 'work-claude/projects/p/s.jsonl']);
});

test('when CLAUDE_CONFIG_DIR is set the default roots are not read', (t) => {
  const home = tempDir(t);
  writeProjects(path.join(home, '.claude'), { 'default/s.jsonl': line });
  writeProjects(path.join(home, '.config/claude'), { 'xdg/s.jsonl': line });
  const only = writeProjects(path.join(home, 'only'), { 'p/s.jsonl': line });
  const found = discover({ CLAUDE_CONFIG_DIR: only, HOME: home });
  assert.deepEqual(rel(home, found.files), ['only/projects/p/s.jsonl']);
});

test('a CLAUDE_CONFIG_DIR entry without projects/ is a warning when another entry is valid', (t) => {
  const base = tempDir(t);
  const good = writeProjects(path.join(base, 'good'), { 'p/s.jsonl': line });
  mkdirSync(path.join(base, 'empty'));
  const found = discover({ CLAUDE_CONFIG_DIR: `${path.join(base, 'missing')},${good},${path.join(base, 'empty')}`, HOME: base });
  assert.equal(found.roots.length, 1);
  assert.equal(found.files.length, 1);
  assert.equal(found.warnings.length, 2);
  assert.match(found.warnings[0]!, /missing/);
  assert.match(found.warnings[1]!, /empty/);
});

test('no valid CLAUDE_CONFIG_DIR entry is an error, not an empty report', async (t) => {
  const base = tempDir(t);
  const env = { CLAUDE_CONFIG_DIR: `${path.join(base, 'nope')},${path.join(base, 'neither')}`, HOME: base };
  assert.throws(() => discover(env), CcmeterError);
  await assert.rejects(ingest(newLedger(t), { env, workers: 0 }), CcmeterError);
});

test('unset, the defaults are ~/.claude and ~/.config/claude', (t) => {
  const home = tempDir(t);
  writeProjects(path.join(home, '.claude'), { 'a/s.jsonl': line });
  writeProjects(path.join(home, '.config/claude'), { 'b/s.jsonl': line });
  const found = discover({ HOME: home });
  assert.deepEqual(found.roots.map((r) => r.projectsDir), [path.join(home, '.claude/projects'), path.join(home, '.config/claude/projects')]);
  assert.deepEqual(rel(home, found.files), ['.claude/projects/a/s.jsonl', '.config/claude/projects/b/s.jsonl']);
});

test('unset, $XDG_CONFIG_HOME/claude replaces ~/.config/claude', (t) => {
  const home = tempDir(t);
  writeProjects(path.join(home, '.config/claude'), { 'not-this/s.jsonl': line });
  writeProjects(path.join(home, 'xdg/claude'), { 'b/s.jsonl': line });
  const found = discover({ HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg') });
  assert.deepEqual(rel(home, found.files), ['xdg/claude/projects/b/s.jsonl']);
});

test('unset with no default folder there: no roots, no files, no error', (t) => {
  const found = discover({ HOME: tempDir(t) });
  assert.deepEqual([found.roots, found.files], [[], []]);
});

test('one folder named twice, or reached through a symlink, is one root', (t) => {
  const base = tempDir(t);
  const a = writeProjects(path.join(base, 'a'), { 'p/s.jsonl': line });
  symlinkSync(a, path.join(base, 'link'));
  const found = discover({ CLAUDE_CONFIG_DIR: `${a},${path.join(a, 'projects')},${path.join(base, 'link')}`, HOME: base });
  assert.equal(found.roots.length, 1);
  assert.equal(found.files.length, 1);
});

test('each layout gets its project, session and sub-agent flag from the path', (t) => {
  const dir = writeProjects(tempDir(t), {
    'proj/sess.jsonl': line,
    'proj/agent-1a2b3c4d.jsonl': line,
    'proj/sess/subagents/agent-a9f8e7d.jsonl': line,
    'loose.jsonl': line,
    'proj/notes.json': line,
    'proj/old.jsonl.bak': line,
  });
  const files = discover({ CLAUDE_CONFIG_DIR: dir }).files.map((f) => [path.relative(dir, f.path), f.project, f.pathSession, f.agentFile]);
  assert.deepEqual(files, [
    ['projects/loose.jsonl', '', 'loose', false],
    ['projects/proj/agent-1a2b3c4d.jsonl', 'proj', 'agent-1a2b3c4d', true],
    ['projects/proj/sess.jsonl', 'proj', 'sess', false],
    ['projects/proj/sess/subagents/agent-a9f8e7d.jsonl', 'proj', 'sess', true],
  ]);
});

test('a dangling .jsonl symlink is a warning; the other files are still found', (t) => {
  const dir = writeProjects(tempDir(t), { 'p/s.jsonl': line });
  symlinkSync(path.join(dir, 'gone.jsonl'), path.join(dir, 'projects/p/dangling.jsonl'));
  const found = discover({ CLAUDE_CONFIG_DIR: dir });
  assert.equal(found.files.length, 1);
  assert.equal(found.warnings.length, 1);
  assert.match(found.warnings[0]!, /dangling\.jsonl/);
});

test('a symlink loop under projects/ ends the walk', (t) => {
  const dir = writeProjects(tempDir(t), { 'p/s.jsonl': line });
  symlinkSync(path.join(dir, 'projects'), path.join(dir, 'projects/p/loop'));
  assert.equal(discover({ CLAUDE_CONFIG_DIR: dir }).files.length, 1);
});

test('an unreadable subfolder is a warning, not a crash; the readable files are found', { skip: isRoot && 'root ignores permissions' }, (t) => {
  const dir = writeProjects(tempDir(t), { 'open/s.jsonl': line, 'locked/s.jsonl': line });
  const locked = path.join(dir, 'projects/locked');
  chmodSync(locked, 0o000);
  const found = discover({ CLAUDE_CONFIG_DIR: dir });
  chmodSync(locked, 0o755); // before the temporary folder is removed
  assert.deepEqual(rel(dir, found.files), ['projects/open/s.jsonl']);
  assert.equal(found.warnings.length, 1);
  assert.match(found.warnings[0]!, /locked/);
});

test('an unreadable transcript is an ingest warning, not a crash; the other files are counted', { skip: isRoot && 'root ignores permissions' }, async (t) => {
  const dir = writeProjects(tempDir(t), { 'p/open.jsonl': [assistant({ id: 'msg_open' })], 'p/locked.jsonl': [assistant({ id: 'msg_locked' })] });
  chmodSync(path.join(dir, 'projects/p/locked.jsonl'), 0o000);
  const ledger = newLedger(t);
  const report = await ingest(ledger, { env: { CLAUDE_CONFIG_DIR: dir }, workers: 0 });
  assert.equal(report.discovery.warnings.length, 1);
  assert.match(report.discovery.warnings[0]!, /locked\.jsonl/);
  assert.equal((await ledger.stats()).requests, 1);
  // the failed read left the tree's stamp unrecorded: the next run tries the file again and warns again
  const again = await ingest(ledger, { env: { CLAUDE_CONFIG_DIR: dir }, workers: 0 });
  assert.equal(again.filesRead, 1);
  assert.match(again.discovery.warnings[0]!, /locked\.jsonl/);
});
