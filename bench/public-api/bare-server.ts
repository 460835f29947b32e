import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

/**
 * The baseline: a bare node:http server answering every request with the bytes and headers the real
 * app sent for the public status (argv: port, body file, headers as JSON).
 */
const [port = '0', bodyFile = '', headersJson = '{}'] = process.argv.slice(2);
const body = readFileSync(bodyFile);
const headers = { ...(JSON.parse(headersJson) as Record<string, string>), 'content-length': String(body.length) };

const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(Number(port), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
