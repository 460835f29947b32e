import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkOutboundUrl, OutboundRefused } from './target-policy.ts';
import { sendOutbound } from './request.ts';
import { outboundFetch } from './fetch.ts';
import { createOutboundGuard } from '../../test/outbound-guard.ts';

// Every SSRF vector of the security checklist, as a webhook URL.
const refusedLiterals = [
  'http://127.1/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0177.0.0.1/',
  'http://0.0.0.0/',
  'http://0/',
  'http://10.0.0.1/',
  'http://172.16.0.1/',
  'http://172.31.255.255/',
  'http://192.168.0.1/',
  'http://100.64.0.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]/',
  'http://[::]/',
  'http://[::ffff:7f00:1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:a9fe:a9fe]/',
  'http://[64:ff9b::a9fe:a9fe]/',
  'http://[fe80::1]/',
  'http://[fd00::1]/',
  'http://[2002:7f00:1::]/',
  'http://255.255.255.255/',
  'http://224.0.0.1/',
  'http://192.0.2.1/',
  'http://[ff02::1]/',
];

describe('outbound URL policy', () => {
  const guard = createOutboundGuard();
  const check = (url: string, allowPrivate = false) => checkOutboundUrl(guard, url, { allowPrivate });

  it.each(refusedLiterals)('refuses %s', async (url) => {
    await expect(check(url)).rejects.toBeInstanceOf(OutboundRefused);
  });

  it.each(['http://loopback.test/', 'http://private.test/', 'http://metadata.test/', 'https://mixed.test/'])(
    'refuses %s, a name resolving to a refused address',
    async (url) => {
      await expect(check(url)).rejects.toThrow(/refused range/);
    },
  );

  it.each(['file:///etc/passwd', 'ftp://public.test/', 'gopher://public.test/', 'javascript:alert(1)', 'not a url'])(
    'refuses %s (not http or https)',
    async (url) => {
      await expect(check(url)).rejects.toBeInstanceOf(OutboundRefused);
    },
  );

  it('refuses credentials in the URL and names that do not resolve', async () => {
    await expect(check('https://user:pw@public.test/')).rejects.toThrow(/credentials/);
    await expect(check('https://nowhere.test/')).rejects.toThrow(/does not resolve/);
  });

  it('accepts a public name and a public literal, resolved and with the right port', async () => {
    expect(await check('https://public.test/hook')).toMatchObject({
      hostname: 'public.test',
      port: 443,
      tls: true,
      address: { address: '93.184.215.14', family: 4 },
    });
    expect(await check('http://[2606:4700::1111]:8080/')).toMatchObject({
      port: 8080,
      address: { address: '2606:4700::1111', family: 6 },
    });
  });

  it('opens the private ranges with WEBHOOK_ALLOW_PRIVATE, never 0.0.0.0, multicast or NAT64', async () => {
    for (const url of ['http://127.1/', 'http://[::ffff:7f00:1]/', 'http://10.0.0.1/', 'http://loopback.test/']) {
      await expect(check(url, true)).resolves.toBeDefined();
    }
    for (const url of ['http://0.0.0.0/', 'http://[::]/', 'http://224.0.0.1/', 'http://[64:ff9b::a9fe:a9fe]/']) {
      await expect(check(url, true)).rejects.toBeInstanceOf(OutboundRefused);
    }
  });
});

describe('outbound requests', () => {
  let server: Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push(req.url!);
      if (req.url === '/redirect') {
        res.writeHead(302, { Location: `http://127.0.0.1:${port}/landed` }).end();
      } else if (req.url === '/huge') {
        res.writeHead(200);
        res.end(Buffer.alloc(1024 * 1024, 'x'));
      } else if (req.url === '/silent') {
        // Never answers: the caller's timeout must end the call.
      } else {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => res.writeHead(201, { 'content-type': 'text/plain' }).end(`got ${body}`));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts through the pinned, checked address and reads the answer', async () => {
    const guard = createOutboundGuard();
    const res = await sendOutbound(guard, {
      url: `http://receiver.test:${port}/ok`,
      body: 'hello',
      allowPrivate: true,
    });
    expect(res).toMatchObject({ status: 201, body: 'got hello', truncated: false });
    expect(guard.connects).toEqual([`127.0.0.1:${port}`]);
  });

  it('does not follow redirects', async () => {
    const before = received.length;
    const res = await sendOutbound(createOutboundGuard(), {
      url: `http://127.0.0.1:${port}/redirect`,
      allowPrivate: true,
    });
    expect(res.status).toBe(302);
    expect(received.slice(before)).toEqual(['/redirect']);
  });

  it('caps the answer it reads', async () => {
    const res = await sendOutbound(createOutboundGuard(), {
      url: `http://127.0.0.1:${port}/huge`,
      method: 'GET',
      allowPrivate: true,
      maxResponseBytes: 1000,
    });
    expect(res.truncated).toBe(true);
    expect(res.body).toHaveLength(1000);
  });

  it('gives up on a receiver that never answers', async () => {
    await expect(
      sendOutbound(createOutboundGuard(), {
        url: `http://127.0.0.1:${port}/silent`,
        allowPrivate: true,
        timeoutMs: 100,
      }),
    ).rejects.toThrow(/within 100 ms/);
  });

  it('checks again at connect time: a name that rebinds to loopback is refused before any connect', async () => {
    const guard = createOutboundGuard();
    let lookups = 0;
    guard.hosts['rebind.test'] = () => (++lookups === 1 ? ['93.184.215.40'] : ['127.0.0.1']);
    await expect(checkOutboundUrl(guard, 'http://rebind.test/', { allowPrivate: false })).resolves.toBeDefined();
    await expect(sendOutbound(guard, { url: 'http://rebind.test/', allowPrivate: false })).rejects.toThrow(
      /127\.0\.0\.1 is in a refused range/,
    );
    expect(guard.connects).toEqual([]);
  });

  it('the test guard refuses, and records, any connect beyond loopback', async () => {
    const guard = createOutboundGuard();
    await expect(sendOutbound(guard, { url: 'https://public.test/', allowPrivate: false })).rejects.toThrow(
      /outside loopback: 93\.184\.215\.14:443/,
    );
    expect(guard.violations).toEqual(['93.184.215.14:443']);
  });
});

describe('outboundFetch', () => {
  it('gives libraries a fetch that goes through the guarded Outbound', async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.url === '/empty') return res.writeHead(204).end();
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
        res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const guard = createOutboundGuard();
    const fetchThrough = outboundFetch(guard);
    const res = await fetchThrough(`http://receiver.test:${port}/x`, {
      method: 'POST',
      headers: { Authorization: 'Bearer k' },
      body: '{"a":1}',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ method: 'POST', auth: 'Bearer k', body: '{"a":1}' });
    expect(res.headers.get('content-type')).toBe('application/json');
    const empty = await fetchThrough(new Request(`http://127.0.0.1:${port}/empty`));
    expect(empty.status).toBe(204);
    expect(guard.connects).toEqual([`127.0.0.1:${port}`, `127.0.0.1:${port}`]);
    await expect(fetchThrough('https://public.test/')).rejects.toThrow(/outside loopback/);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
