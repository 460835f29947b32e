import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 (reached as `receiver.test` through the tests' Outbound). */
export interface WebhookReceiver {
  port: number;
  /** `http://receiver.test:<port><path>`. */
  url(path: string): string;
  received: ReceivedWebhook[];
  /** The next answers' statuses, in order; once used up, every answer is `fallback` (default 204). */
  answers: number[];
  fallback: number;
  close(): Promise<void>;
}

/** Starts a receiver that records every request and answers as told (no body, or a redirect for 3xx). */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver = {
    received: [] as ReceivedWebhook[],
    answers: [] as number[],
    fallback: 204,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receiver.received.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = receiver.answers.shift() ?? receiver.fallback;
      res.writeHead(status, status >= 300 && status < 400 ? { Location: '/redirected' } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    port,
    url: (path: string) => `http://receiver.test:${port}${path}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}
