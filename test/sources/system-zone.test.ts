// The system zone's name without Intl, and offsets from Date for it equal to Intl's.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { systemZoneName } from '../../src/sources/system-zone.ts';
import { offsetAt, offsetIntervals, useDateForZone } from '../../src/shared/tz.ts';
import { tempDir } from '../helpers/fixtures.ts';

function fakeSystem(t: test.TestContext, zone: string | null): { zoneinfo: string; localtime: string } {
  const dir = tempDir(t);
  const zoneinfo = path.join(dir, 'usr/share/zoneinfo');
  mkdirSync(path.join(zoneinfo, 'Europe'), { recursive: true });
  mkdirSync(path.join(zoneinfo, 'America/Argentina'), { recursive: true });
  for (const z of ['Europe/Paris', 'America/Argentina/Buenos_Aires', 'UTC']) writeFileSync(path.join(zoneinfo, z), 'TZif');
  mkdirSync(path.join(dir, 'etc'));
  const localtime = path.join(dir, 'etc/localtime');
  if (zone === null) writeFileSync(localtime, 'TZif'); // a copied file, as in many containers
  else symlinkSync(path.join('../usr/share/zoneinfo', zone), localtime);
  return { zoneinfo, localtime };
}

test('the zone name comes from TZ when the zone database has it, else from the /etc/localtime link', (t) => {
  const sys = fakeSystem(t, 'America/Argentina/Buenos_Aires');
  assert.equal(systemZoneName({}, sys.zoneinfo, sys.localtime), 'America/Argentina/Buenos_Aires');
  assert.equal(systemZoneName({ TZ: 'Europe/Paris' }, sys.zoneinfo, sys.localtime), 'Europe/Paris');
  assert.equal(systemZoneName({ TZ: ':Europe/Paris' }, sys.zoneinfo, sys.localtime), 'Europe/Paris');
  assert.equal(systemZoneName({ TZ: 'UTC' }, sys.zoneinfo, sys.localtime), 'UTC');
  // unknown to the database, a POSIX rule, a path: Intl decides
  assert.equal(systemZoneName({ TZ: 'Europe/Pariss' }, sys.zoneinfo, sys.localtime), undefined);
  assert.equal(systemZoneName({ TZ: 'CET-1CEST,M3.5.0,M10.5.0/3' }, sys.zoneinfo, sys.localtime), undefined);
  assert.equal(systemZoneName({ TZ: '../../etc/passwd' }, sys.zoneinfo, sys.localtime), undefined);
  assert.equal(systemZoneName({}, fakeSystem(t, null).zoneinfo, fakeSystem(t, null).localtime), undefined);
  assert.equal(systemZoneName({}, sys.zoneinfo, path.join(sys.zoneinfo, 'missing')), undefined);
});

test('offsets from Date for the process zone equal those from Intl, across DST changes', (t) => {
  // Node moves Date and Intl to a new zone when process.env.TZ is assigned
  const before = process.env['TZ'];
  t.after(() => {
    if (before === undefined) delete process.env['TZ'];
    else process.env['TZ'] = before;
  });
  process.env['TZ'] = 'America/New_York';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  assert.equal(zone, 'America/New_York');
  assert.equal(new Date(Date.parse('2026-01-15T12:00:00Z')).getTimezoneOffset(), 300);
  const from = Date.parse('2025-01-01T00:00:00Z'), to = Date.parse('2026-12-31T00:00:00Z');
  const viaIntl = offsetIntervals(zone, from, to);
  const samples = Array.from({ length: 500 }, (_, i) => from + i * 37 * 3_600_000 + 1234);
  const intlOffsets = samples.map((ms) => offsetAt(zone, ms));
  useDateForZone(zone);
  assert.deepEqual(offsetIntervals(zone, from, to), viaIntl);
  assert.deepEqual(samples.map((ms) => offsetAt(zone, ms)), intlOffsets);
  assert.deepEqual([...new Set(intlOffsets)].sort((a, b) => a - b), [-18_000_000, -14_400_000]);
});
