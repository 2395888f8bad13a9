// Webhooks: one POST per alert in the format the receiver expects, each attempt with a timeout, retried
// with backoff on network errors, timeouts, 408, 429 and 5xx; other 4xx are final. A failure is returned
// (and logged by the caller), never thrown, so it cannot hold up another channel.
import type { Alert } from '../../model/alerts.ts';
import { redactUrl, type ChannelResult } from './result.ts';

export type WebhookFormat = 'json' | 'slack' | 'discord' | 'ntfy';

export interface Webhook {
  url: string;
  format: WebhookFormat;
}

/** The body of a `json` webhook. */
export interface WebhookJsonBody {
  source: 'ccmeter';
  key: string;
  kind: Alert['kind'];
  window: string | null;
  title: string;
  message: string;
  critical: boolean;
  /** ISO time of sending. */
  sentAt: string;
  detail: Record<string, unknown>;
}

/** Slack incoming webhook body. */
export interface SlackBody {
  text: string;
}

/** Discord webhook body; mentions are disabled so a message can never ping anyone. */
export interface DiscordBody {
  content: string;
  allowed_mentions: { parse: string[] };
}

export interface WebhookOptions {
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /** Requests in all; default 3. */
  attempts?: number;
  /** Wait before retry n (1-based) is backoffMs · 3^(n-1); default 500 ms (0.5 s, then 1.5 s). */
  backoffMs?: number;
  fetchImpl?: typeof fetch;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_ATTEMPTS = 3;
const MAX_RETRY_AFTER_MS = 10_000;

const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A header value: ASCII as is, anything else as an RFC 2047 encoded word (ntfy decodes those). */
function headerText(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
}

export function webhookRequest(hook: Webhook, alert: Alert, now: number): { headers: Record<string, string>; body: string } {
  const json = { 'Content-Type': 'application/json' };
  if (hook.format === 'slack') return { headers: json, body: JSON.stringify({ text: `*${slackEscape(alert.title)}*\n${slackEscape(alert.message)}` } satisfies SlackBody) };
  if (hook.format === 'discord') {
    const body: DiscordBody = { content: `**${alert.title}**\n${alert.message}`.slice(0, 2000), allowed_mentions: { parse: [] } };
    return { headers: json, body: JSON.stringify(body) };
  }
  if (hook.format === 'ntfy') {
    const priority = alert.critical ? 'urgent' : alert.kind === 'threshold' || alert.kind === 'pace' ? 'high' : 'default';
    const tags = alert.critical ? 'rotating_light' : alert.kind === 'reset' || alert.kind === 'test' ? 'white_check_mark' : 'warning';
    return { headers: { 'Content-Type': 'text/plain; charset=utf-8', Title: headerText(alert.title), Priority: priority, Tags: tags }, body: alert.message };
  }
  const body: WebhookJsonBody = {
    source: 'ccmeter',
    key: alert.key,
    kind: alert.kind,
    window: alert.window,
    title: alert.title,
    message: alert.message,
    critical: alert.critical,
    sentAt: new Date(now).toISOString(),
    detail: alert.detail,
  };
  return { headers: json, body: JSON.stringify(body) };
}

type Attempt = { ok: true } | { ok: false; retry: boolean; error: string; waitMs: number | null };

async function attempt(url: string, req: { headers: Record<string, string>; body: string }, timeoutMs: number, fetchImpl: typeof fetch): Promise<Attempt> {
  try {
    const res = await fetchImpl(url, { method: 'POST', headers: { 'User-Agent': 'ccmeter', ...req.headers }, body: req.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return { ok: true };
    const retry = res.status === 408 || res.status === 429 || res.status >= 500;
    const seconds = Number(res.headers.get('retry-after'));
    const waitMs = res.status === 429 && Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : null;
    return { ok: false, retry, error: `HTTP ${res.status}`, waitMs };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `timed out after ${timeoutMs / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
    return { ok: false, retry: true, error: why, waitMs: null };
  }
}

/** Posts `alert` to `hook`; never throws. */
export async function sendWebhook(hook: Webhook, alert: Alert, now: number, o: WebhookOptions = {}): Promise<ChannelResult> {
  const attempts = o.attempts ?? WEBHOOK_ATTEMPTS;
  const backoff = o.backoffMs ?? 500;
  const req = webhookRequest(hook, alert, now);
  const result: ChannelResult = { channel: `webhook:${hook.format}`, target: redactUrl(hook.url), ok: false, attempts: 0, error: null };
  for (let n = 1; n <= attempts; n++) {
    result.attempts = n;
    const r = await attempt(hook.url, req, o.timeoutMs ?? WEBHOOK_TIMEOUT_MS, o.fetchImpl ?? fetch);
    if (r.ok) return { ...result, ok: true, error: null };
    result.error = r.retry && n === attempts ? `${r.error}; gave up after ${n} attempts` : r.error;
    if (!r.retry) break;
    if (n < attempts) await new Promise((resolve) => setTimeout(resolve, r.waitMs ?? backoff * 3 ** (n - 1)));
  }
  return result;
}
