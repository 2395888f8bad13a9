// The one line Claude Code shows under its prompt: limit bars with percent and reset countdown, session
// and today's cost, context use. Stale values keep their number, marked with their age.
import type { StatusLineView } from '../../app/statusline.ts';
import { formatDuration, formatUSD } from './format.ts';
import { bar, levelStyle, percentText } from './limits.ts';
import type { Painter } from './style.ts';

const SHORT: Record<string, string> = { five_hour: '5h', seven_day: '7d' };

export function renderStatusLine(v: StatusLineView, p: Painter): string {
  const parts: string[] = [];
  const windows = v.limits.filter((w) => w.group !== 'extra' && (w.window in SHORT || w.binding));
  for (const w of windows) {
    const name = SHORT[w.window] ?? w.label;
    if (w.usedPercent === null) {
      parts.push(`${name} ?`);
      continue;
    }
    const color = levelStyle(w.usedPercent);
    let text = `${name} ${p.paint(color, `${bar(w.usedPercent, 5)} ${percentText(w)}`)}`;
    if (w.resetsInMs !== null) text += p.paint('gray', ` ↻${formatDuration(w.resetsInMs).replace(' ', '')}`);
    if (w.stale && w.ageMs !== null) text += p.paint('gray', ` (${formatDuration(w.ageMs).replace(' ', '')} ago)`);
    parts.push(text);
  }
  if (windows.length === 0) parts.push(p.paint('gray', 'limits: no data yet'));
  const session = v.sessionCostUSD ?? v.claudeSessionCostUSD;
  if (session !== null) parts.push(`${formatUSD(session)} session`);
  parts.push(`${formatUSD(v.todayCostUSD)} today`);
  if (v.contextUsedPercent !== null) {
    const c = v.contextUsedPercent;
    parts.push(p.paint(c >= 80 ? 'red' : c >= 50 ? 'yellow' : 'green', `ctx ${Math.round(c)}%`));
  }
  return parts.join(p.paint('gray', ' · '));
}
