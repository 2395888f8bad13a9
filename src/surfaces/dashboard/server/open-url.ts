// Opens a URL in the user's browser with the platform's opener: $BROWSER when set, else `open` (macOS),
// `start` (Windows) or `xdg-open`. Detached: the browser outlives nothing of ours and we never wait for it.
import { spawn } from 'node:child_process';

export function openUrl(url: string, env: Record<string, string | undefined>, onFail: (message: string) => void): void {
  const [command, args] = env['BROWSER']
    ? [env['BROWSER'], [url]]
    : process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
  child.on('error', (e) => onFail(`could not start ${command} (${e.message}): open the URL yourself`));
  child.unref();
}
