// Desktop notifications through the system's own tools, run with execFile (no shell; the text goes in as
// arguments or environment variables, never spliced into a script):
// - macOS: /usr/bin/osascript `display notification`;
// - Linux and other Unixes: `notify-send` (libnotify) when on PATH, else the freedesktop notification
//   service over D-Bus through `gdbus`;
// - Windows: a toast from powershell, shown under PowerShell's own app id (always registered).
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { Alert } from '../../model/alerts.ts';
import type { ChannelResult } from './result.ts';

export interface DesktopCommand {
  file: string;
  args: string[];
  env?: Record<string, string>;
}

export const DESKTOP_TIMEOUT_MS = 10_000;

/** The first executable `name` on `PATH`, or null. */
export function onPath(name: string, pathVar: string | undefined): string | null {
  for (const dir of (pathVar ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** A GVariant text-format string (gdbus parses its arguments as GVariant text): JSON's escapes are valid there. */
const gvariantString = (s: string) => JSON.stringify(s);

const WINDOWS_TOAST = [
  "$ErrorActionPreference = 'Stop'",
  '[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] > $null',
  '$xml = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02)',
  "$text = $xml.GetElementsByTagName('text')",
  '$text.Item(0).AppendChild($xml.CreateTextNode($env:CCMETER_ALERT_TITLE)) > $null',
  '$text.Item(1).AppendChild($xml.CreateTextNode($env:CCMETER_ALERT_BODY)) > $null',
  "$app = '{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\\WindowsPowerShell\\v1.0\\powershell.exe'",
  '[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier($app).Show([Windows.UI.Notifications.ToastNotification]::new($xml))',
].join('; ');

/** The command showing `alert` on this platform, or a reason there is none. */
export function desktopCommand(alert: Alert, platform: NodeJS.Platform, env: Record<string, string | undefined>): DesktopCommand | { missing: string } {
  const { title, message } = alert;
  if (platform === 'darwin') {
    const script = ['-e', 'on run argv', '-e', 'display notification (item 2 of argv) with title (item 1 of argv)', '-e', 'end run'];
    return { file: '/usr/bin/osascript', args: [...script, title, message] };
  }
  if (platform === 'win32') {
    return { file: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_TOAST], env: { CCMETER_ALERT_TITLE: title, CCMETER_ALERT_BODY: message } };
  }
  const urgency = alert.critical ? 'critical' : 'normal';
  const notifySend = onPath('notify-send', env['PATH']);
  if (notifySend) return { file: notifySend, args: ['--app-name=ccmeter', `--urgency=${urgency}`, title, message] };
  const gdbus = onPath('gdbus', env['PATH']);
  if (gdbus) {
    const hints = `{'urgency': <byte ${alert.critical ? 2 : 1}>}`;
    const method = ['call', '--session', '--dest', 'org.freedesktop.Notifications', '--object-path', '/org/freedesktop/Notifications', '--method', 'org.freedesktop.Notifications.Notify'];
    return { file: gdbus, args: [...method, 'ccmeter', '0', "''", gvariantString(title), gvariantString(message), '[]', hints, 'int32 -1'] };
  }
  return { missing: 'neither notify-send nor gdbus is on PATH (install libnotify, e.g. the libnotify-bin package)' };
}

/** Shows `alert` on the desktop; never throws. */
export async function sendDesktop(alert: Alert, env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): Promise<ChannelResult> {
  const cmd = desktopCommand(alert, platform, env);
  if ('missing' in cmd) return { channel: 'desktop', target: 'none', ok: false, attempts: 0, error: cmd.missing };
  const target = path.basename(cmd.file);
  const error = await new Promise<string | null>((resolve) => {
    execFile(cmd.file, cmd.args, { timeout: DESKTOP_TIMEOUT_MS, env: { ...env, ...cmd.env }, windowsHide: true }, (e, _stdout, stderr) => {
      if (!e) return resolve(null);
      const why = String(stderr).trim().split('\n')[0] || (e as NodeJS.ErrnoException).code || e.message;
      resolve(e.killed ? `timed out after ${DESKTOP_TIMEOUT_MS / 1000} s` : `${target} failed: ${why}`);
    });
  });
  return { channel: 'desktop', target, ok: error === null, attempts: 1, error };
}
