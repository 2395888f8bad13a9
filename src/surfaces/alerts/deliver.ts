// Sends one alert on every configured channel it may use, all at once: a slow or failing channel never
// delays or blocks another. Channels live under surfaces/ because they present alerts to the user (like
// the CLI and the dashboard); the daemon's use-case code in app/ receives `deliver` as a function.
import type { AlertsConfig } from '../../config/schema.ts';
import type { Alert } from '../../model/alerts.ts';
import { sendDesktop } from './desktop.ts';
import type { ChannelResult } from './result.ts';
import { sendWebhook, type WebhookOptions } from './webhook.ts';

export type { ChannelResult } from './result.ts';

export interface DeliverOptions {
  env: Record<string, string | undefined>;
  now: number;
  platform?: NodeJS.Platform;
  webhook?: WebhookOptions;
}

export async function deliver(alert: Alert, config: AlertsConfig, o: DeliverOptions): Promise<ChannelResult[]> {
  const sends: Promise<ChannelResult>[] = [];
  if (config.desktop && alert.channels.includes('desktop')) sends.push(sendDesktop(alert, o.env, o.platform));
  if (alert.channels.includes('webhook')) for (const hook of config.webhooks) sends.push(sendWebhook(hook, alert, o.now, o.webhook));
  return Promise.all(sends);
}
