// A local webhook receiver (node:http on 127.0.0.1): records every request; paths starting with /fail
// answer 500, /reject 400, anything else 200.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when the body was complete. */
  at: number;
}

export interface Receiver {
  url(path: string): string;
  received: Received[];
  /** Bodies received on `path`, in order. */
  bodies(path: string): string[];
}

export async function receiver(t: TestContext): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() });
      res.writeHead(path.startsWith('/fail') ? 500 : path.startsWith('/reject') ? 400 : 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as AddressInfo;
  return { url: (p) => `http://127.0.0.1:${port}${p}`, received, bodies: (p) => received.filter((r) => r.path === p).map((r) => r.body) };
}
