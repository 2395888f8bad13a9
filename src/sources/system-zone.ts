// The name of the time zone this process's local time uses, read from where the C library and ICU read
// it (`TZ`, else the /etc/localtime link), without Intl: the first Intl call of a process loads ICU's data,
// 20–30 ms that the statusline cannot spare. Undefined when the name cannot be told this way (a copied
// /etc/localtime, Windows, a POSIX rule in TZ); callers then ask Intl.
import { existsSync, readlinkSync } from 'node:fs';
import path from 'node:path';

const ZONEINFO = /\/zoneinfo\/(?:posix\/|right\/)?([A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*)$/;
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

export function systemZoneName(env: { TZ?: string | undefined }, zoneinfo = '/usr/share/zoneinfo', localtime = '/etc/localtime'): string | undefined {
  const tz = env.TZ;
  if (tz !== undefined) {
    // a name the system's zone database holds (so it is a real zone, not a typo that local time would
    // silently read as UTC)
    const name = tz.startsWith(':') ? tz.slice(1) : tz;
    if (name === 'UTC' || name === 'Etc/UTC') return 'UTC';
    return ZONE_NAME.test(name) && existsSync(path.join(zoneinfo, name)) ? name : undefined;
  }
  try {
    return ZONEINFO.exec(path.resolve(path.dirname(localtime), readlinkSync(localtime)))?.[1];
  } catch {
    return undefined; // not a link, or no such file
  }
}
