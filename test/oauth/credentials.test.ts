import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { keychainServiceName, readCredentials } from '../../src/sources/oauth/credentials.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { credentialBlob, writeCredentials } from './helpers.ts';

const TOKEN = 'sk-ant-oat01-credtest-AbCdEf0123456789';
const EXPIRES = Date.UTC(2026, 6, 18, 20, 0, 0);
const noKeychain = () => null;
/** What credentialBlob(TOKEN, EXPIRES) holds. */
const FROM_BLOB = { accessToken: TOKEN, expiresAt: EXPIRES, scopes: ['user:inference', 'user:profile', 'user:sessions:claude_code'], subscriptionType: 'max', rateLimitTier: 'default_claude_max_20x' };

test('keychain service name: plain without CLAUDE_CONFIG_DIR, sha256 suffix with it (facts test vector)', () => {
  assert.equal(keychainServiceName(undefined), 'Claude Code-credentials');
  assert.equal(keychainServiceName(''), 'Claude Code-credentials');
  assert.equal(keychainServiceName('/Users/test/.claude-work'), 'Claude Code-credentials-03abf0ee');
  // A trailing slash is another item; the string is NFC-normalised first (decomposed é == composed é).
  assert.notEqual(keychainServiceName('/Users/test/.claude-work/'), 'Claude Code-credentials-03abf0ee');
  assert.equal(keychainServiceName('/Users/te\u0301st'), keychainServiceName('/Users/t\u00e9st'));
});

test('the default file ~/.claude/.credentials.json, parsed non-exclusively (MCP entries and unknown keys beside the login)', (t) => {
  const home = tempDir(t);
  writeCredentials(path.join(home, '.claude'), credentialBlob(TOKEN, EXPIRES));
  assert.deepEqual(readCredentials({ HOME: home }, { platform: 'linux' }), {
    ok: true,
    credentials: { ...FROM_BLOB, source: 'file' },
  });
});

test('CLAUDE_CONFIG_DIR: the first comma-separated entry, with ~ expanded', (t) => {
  const home = tempDir(t);
  writeCredentials(path.join(home, 'work-claude'), credentialBlob(TOKEN, EXPIRES));
  writeCredentials(path.join(home, '.claude'), credentialBlob('sk-ant-oat01-other', EXPIRES));
  const got = readCredentials({ HOME: home, CLAUDE_CONFIG_DIR: ' ~/work-claude , ~/.claude' }, { platform: 'linux' });
  assert.deepEqual(got, { ok: true, credentials: { ...FROM_BLOB, source: 'file' } });
});

test('CLAUDE_CODE_OAUTH_TOKEN comes first, with unknown scopes and expiry', (t) => {
  const home = tempDir(t);
  writeCredentials(path.join(home, '.claude'), credentialBlob('sk-ant-oat01-file', EXPIRES));
  const got = readCredentials({ HOME: home, CLAUDE_CODE_OAUTH_TOKEN: ` ${TOKEN}\n` }, { platform: 'darwin', runSecurity: () => assert.fail('keychain read') });
  assert.deepEqual(got, { ok: true, credentials: { accessToken: TOKEN, expiresAt: null, scopes: null, subscriptionType: null, rateLimitTier: null, source: 'env' } });
});

test('macOS: the Keychain through /usr/bin/security with the hashed service name, before the file', (t) => {
  const home = tempDir(t);
  const calls: string[][] = [];
  const runSecurity = (args: string[]) => (calls.push(args), credentialBlob(TOKEN, EXPIRES) + '\n');
  const got = readCredentials({ HOME: home, USER: 'test', CLAUDE_CONFIG_DIR: '/Users/test/.claude-work' }, { platform: 'darwin', runSecurity, readFile: () => assert.fail('file read') });
  assert.deepEqual(calls, [['find-generic-password', '-s', 'Claude Code-credentials-03abf0ee', '-w']]);
  assert.deepEqual(got, { ok: true, credentials: { ...FROM_BLOB, source: 'keychain' } });
});

test('macOS: a hex-printed Keychain item is decoded; the default service has no suffix', () => {
  const calls: string[][] = [];
  const hex = Buffer.from(credentialBlob(TOKEN, EXPIRES), 'utf8').toString('hex');
  const got = readCredentials({ HOME: '/nonexistent' }, { platform: 'darwin', runSecurity: (args) => (calls.push(args), hex) });
  assert.deepEqual(calls, [['find-generic-password', '-s', 'Claude Code-credentials', '-w']]);
  assert.deepEqual(got, { ok: true, credentials: { ...FROM_BLOB, source: 'keychain' } });
});

test('macOS: no Keychain item falls back to the file; neither gives "missing" naming both places', (t) => {
  const home = tempDir(t);
  const none = readCredentials({ HOME: home }, { platform: 'darwin', runSecurity: noKeychain });
  const file = path.join(home, '.claude', '.credentials.json');
  assert.deepEqual(none, { ok: false, reason: 'missing', message: `no Claude Code login found (looked in the macOS Keychain item "Claude Code-credentials" and ${file}); log in with \`claude\`` });
  writeCredentials(path.join(home, '.claude'), credentialBlob(TOKEN, EXPIRES));
  assert.deepEqual(readCredentials({ HOME: home }, { platform: 'darwin', runSecurity: noKeychain }), { ok: true, credentials: { ...FROM_BLOB, source: 'file' } });
});

test('failures: malformed JSON, no accessToken, an MCP-only blob (no subscription), an unreadable file; none quotes the blob', (t) => {
  const home = tempDir(t);
  const dir = path.join(home, '.claude');
  const read = () => readCredentials({ HOME: home }, { platform: 'linux' });
  writeCredentials(dir, `{"claudeAiOauth":{"accessToken":"${TOKEN}"`);
  const malformed = read();
  writeCredentials(dir, JSON.stringify({ claudeAiOauth: { refreshToken: TOKEN } }));
  const noToken = read();
  writeCredentials(dir, JSON.stringify({ mcpOAuth: { 'srv|1': { accessToken: TOKEN } } }));
  const mcpOnly = read();
  const unreadable = readCredentials({ HOME: home }, { platform: 'linux', readFile: () => { throw Object.assign(new Error(`EACCES ${TOKEN}`), { code: 'EACCES' }); } });
  const file = path.join(dir, '.credentials.json');
  assert.deepEqual([malformed, noToken, mcpOnly, unreadable], [
    { ok: false, reason: 'malformed', message: `${file} is not valid JSON` },
    { ok: false, reason: 'malformed', message: `${file} has no usable claudeAiOauth.accessToken` },
    { ok: false, reason: 'no-subscription', message: `${file} holds only MCP server logins, no Claude subscription login; log in with \`claude\`` },
    { ok: false, reason: 'unreadable', message: `cannot read ${file} (EACCES)` },
  ]);
});

test('a token with whitespace or control characters inside is refused (it could not go into a header)', (t) => {
  const home = tempDir(t);
  writeCredentials(path.join(home, '.claude'), JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant oat01\r\nX-Evil: 1' } }));
  const got = readCredentials({ HOME: home }, { platform: 'linux' });
  assert.deepEqual(got, { ok: false, reason: 'malformed', message: `${path.join(home, '.claude', '.credentials.json')} has no usable claudeAiOauth.accessToken` });
  const env = readCredentials({ CLAUDE_CODE_OAUTH_TOKEN: 'a\nb' }, { platform: 'linux' });
  assert.deepEqual(env, { ok: false, reason: 'malformed', message: 'CLAUDE_CODE_OAUTH_TOKEN is not a usable token' });
});
