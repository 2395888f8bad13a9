// `GET /api/events`: server-sent events. One `update` event (data: a LedgerUpdate) each time new usage or
// a limit snapshot lands; a comment line now and then keeps proxies and the browser from closing the
// stream. The stream ends when the client goes away or the dashboard shuts down.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveLedger } from './live.ts';

export function eventStream(c: Context, live: LiveLedger, keepAliveMs: number): Response {
  return streamSSE(c, async function events(stream) {
    let end = () => {};
    const ended = new Promise<void>((resolve) => (end = resolve));
    stream.onAbort(end);
    const unsubscribe = live.subscribe((update) => void stream.writeSSE({ event: 'update', data: JSON.stringify(update) }));
    const unclose = live.onClose(end);
    const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), keepAliveMs);
    await stream.write('retry: 3000\n: connected\n\n');
    await ended;
    clearInterval(keepAlive);
    unsubscribe();
    unclose();
  });
}
