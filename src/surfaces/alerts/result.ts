// The outcome of one channel, and webhook URLs as they may be shown (printed by `ccmeter alerts`, logged by
// the daemon).
export type { ChannelResult } from '../../model/alerts.ts';

/** A webhook URL without its path and query, which often carry a token or a private topic. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid URL)';
  }
}
