// One client process of the SSE fan-out benchmark: opens `count` streams to `url`, records when each
// event is parsed (performance.timeOrigin + now(): one clock for every process on the machine), and
// reports to the parent over IPC.
import http from 'node:http';
import { createParser } from 'eventsource-parser';

const [url, countText] = process.argv.slice(2);
const count = Number(countText);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const received: number[][] = []; // per connection: the parse time of each non-snapshot event
let ready = 0;
let failed = 0;
const requests: http.ClientRequest[] = [];

const now = () => performance.timeOrigin + performance.now();

function open(index: number): Promise<void> {
  return new Promise((resolve) => {
    const times: number[] = (received[index] = []);
    let first = true;
    const parser = createParser({
      onEvent: () => {
        if (first) {
          first = false;
          ready++;
          return resolve();
        }
        times.push(now());
      },
    });
    const req = http.get(url!, { agent, headers: { Accept: 'text/event-stream' } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => parser.feed(chunk));
    });
    req.on('error', () => {
      failed++;
      resolve();
    });
    requests.push(req);
  });
}

async function main(): Promise<void> {
  for (let i = 0; i < count; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, count - i) }, (_, j) => open(i + j)));
  }
  process.send!({ type: 'ready', ready, failed });
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'progress') process.send!({ type: 'progress', counts: received.map((t) => t.length) });
  if (message.type === 'report') process.send!({ type: 'report', received });
  if (message.type === 'close') {
    for (const req of requests) req.destroy();
    setTimeout(() => process.exit(0), 100);
  }
});
void main();
