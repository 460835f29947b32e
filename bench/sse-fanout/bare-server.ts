// The practical limit of this machine: a bare node:http SSE server that writes one pre-serialised
// buffer to every client, nothing else. Same event shape and headers as the API's public stream.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const clients = new Set<http.ServerResponse>();
let seq = 0;
const server = http.createServer((req, res) => {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: 3000\n\nid: ${seq}\nevent: snapshot\ndata: {"seq":${seq}}\n\n`);
  clients.add(res);
  res.on('close', () => clients.delete(res));
});
server.listen(0, '127.0.0.1', () => process.send!({ type: 'listening', port: (server.address() as AddressInfo).port }));
process.on('message', (message: { type: string; data?: string }) => {
  if (message.type === 'broadcast') {
    seq++;
    const buf = Buffer.from(`id: ${seq}\nevent: service\ndata: ${message.data}\n\n`);
    for (const res of clients) res.write(buf);
  }
  if (message.type === 'stats') (globalThis as { gc?: () => void }).gc?.();
  if (message.type === 'stats')
    process.send!({
      type: 'stats',
      rss: process.memoryUsage().rss,
      heap: process.memoryUsage().heapUsed,
      clients: clients.size,
    });
});
