// `ccmeter bar install swiftbar|xbar`: an executable plugin script, named with its refresh interval, that
// runs this ccmeter by absolute path and prints what `ccmeter bar` prints.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ccmeter, ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { barFixture, NOW } from './fixture.ts';

test('writes an executable SwiftBar plugin that runs this ccmeter and prints its menu', async (t) => {
  const env = await barFixture(t, 'full');
  const dir = path.join(tempDir(t), 'Plugins');
  const r = ccmeter(['bar', 'install', 'swiftbar', '--dir', dir, '--every', '5m'], env);
  assert.equal(r.code, 0, r.stderr);
  const file = path.join(dir, 'ccmeter.5m.sh');
  assert.match(r.stdout, new RegExp(`^Installed the SwiftBar plugin: ${file}\n`));
  assert.equal(statSync(file).mode & 0o777, 0o755);
  const script = readFileSync(file, 'utf8').split('\n');
  assert.equal(script[0], '#!/bin/sh');
  assert.ok(script.includes('# <bitbar.title>ccmeter</bitbar.title>'));
  assert.ok(script.includes(`export CCMETER_HOME='${env['CCMETER_HOME']}'`), 'the plugin reads the same ledger');
  assert.equal(script.at(-2), `exec '${process.execPath}' '${path.join(ROOT, 'bin/ccmeter.js')}' bar --format swiftbar`);
  // SwiftBar starts plugins with a bare environment
  const run = spawnSync(file, { env: { PATH: '/usr/bin:/bin', CCMETER_NOW: NOW, TZ: 'UTC' }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, ccmeter(['bar', '--format', 'swiftbar'], env).stdout);
});

test('installing again with another interval replaces the plugin; xbar gets its own metadata', async (t) => {
  const env = await barFixture(t, 'empty');
  const dir = path.join(tempDir(t), 'plugins');
  ccmeter(['bar', 'install', 'xbar', '--dir', dir, '--every', '5m'], env);
  const r = ccmeter(['bar', 'install', 'xbar', '--dir', dir], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /replaced .*ccmeter\.5m\.sh/);
  assert.deepEqual(readdirSync(dir), ['ccmeter.1m.sh']);
  const script = readFileSync(path.join(dir, 'ccmeter.1m.sh'), 'utf8');
  assert.match(script, /# <xbar\.title>ccmeter<\/xbar\.title>/);
  assert.match(script, / bar --format xbar\n$/);
});

test('an unknown app or interval is a usage error', async (t) => {
  const env = await barFixture(t, 'empty');
  const dir = tempDir(t);
  assert.equal(ccmeter(['bar', 'install', 'conky', '--dir', dir], env).code, 2);
  assert.equal(ccmeter(['bar', 'install', '--dir', dir], env).code, 2);
  const badInterval = ccmeter(['bar', 'install', 'xbar', '--dir', dir, '--every', 'often'], env);
  assert.equal(badInterval.code, 2);
  assert.match(badInterval.stderr, /--every often: not an interval/);
  assert.deepEqual(readdirSync(dir), []);
});
