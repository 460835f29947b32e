import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAdmin } from '../src/db/seed.ts';
import { startProduct, type ProductProcess } from './product-process.ts';

interface Session {
  token: string;
  orgId: string;
  serviceIds: string[];
}

async function signIn(url: string): Promise<Session> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
  const auth = { Authorization: `Bearer ${token}` };
  const me = (await (await fetch(`${url}/api/auth/me`, { headers: auth })).json()) as {
    data: { organizations: { id: string; slug: string }[] };
  };
  const orgId = me.data.organizations.find((org) => org.slug === 'demo')!.id;
  const services = (await (await fetch(`${url}/api/organizations/${orgId}/services`, { headers: auth })).json()) as {
    data: { id: string }[];
  };
  return { token, orgId, serviceIds: services.data.map((service) => service.id) };
}

/** Reads a stream's body to its end; resolves with everything it carried. */
async function readToEnd(body: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body) text += decoder.decode(chunk, { stream: true });
  return text;
}

// The product as users run it (serve.ts, embedded database, demo data), stopped by SIGTERM while it
// is writing: what it acknowledged is kept, streams end with a retry hint, the data folder is free.
describe('SIGTERM during writes (PGlite)', () => {
  let dataDir: string;
  let product: ProductProcess;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lantern-sigterm-'));
  });
  afterAll(async () => {
    await product?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes the writes in flight, ends streams with retry:, frees DATA_DIR and exits 0', async () => {
    product = await startProduct({ DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '10000' });
    const { token, orgId, serviceIds } = await signIn(product.url);
    const stream = await fetch(`${product.url}/api/public/status/demo/stream`);
    expect(stream.status).toBe(200);
    const streamText = readToEnd(stream.body!);

    // One writer per service, each alternating its status, so every write is a real change.
    const acknowledged: { serviceId: string; message: string }[] = [];
    let stopWriting = false;
    let firstAck!: () => void;
    const someAcknowledged = new Promise<void>((resolve) => (firstAck = resolve));
    const writer = async (serviceId: string) => {
      for (let n = 0; !stopWriting; n++) {
        const message = `write ${serviceId.slice(0, 8)} #${n}`;
        const status = n % 2 === 0 ? 'degraded_performance' : 'operational';
        const res = await fetch(`${product.url}/api/organizations/${orgId}/services/${serviceId}/status`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ status, message }),
        }).catch(() => null); // refused: the process has stopped taking connections
        if (!res) return;
        if (res.status === 200) {
          acknowledged.push({ serviceId, message });
          if (acknowledged.length >= 8) firstAck();
        } else {
          expect([503]).toContain(res.status);
          return;
        }
      }
    };
    const writers = serviceIds.slice(0, 4).map(writer);
    await someAcknowledged;

    const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
      const started = performance.now();
      product.child.once('exit', (code) => resolve({ code, ms: performance.now() - started }));
    });
    product.child.kill('SIGTERM');
    const { code, ms } = await exited;
    stopWriting = true;
    await Promise.all(writers);

    expect(code).toBe(0);
    expect(ms).toBeLessThan(15_000);
    const text = await streamText;
    expect(text).toMatch(/retry: \d+\n\n: shutting down\n\n$/);
    expect(existsSync(join(dataDir, 'db', 'lantern.lock'))).toBe(false);

    // Every acknowledged write is in the database after a restart on the same folder.
    product = await startProduct({ DATA_DIR: dataDir });
    const again = await signIn(product.url);
    for (const serviceId of new Set(acknowledged.map((write) => write.serviceId))) {
      const history = (await (
        await fetch(`${product.url}/api/organizations/${again.orgId}/services/${serviceId}/history?limit=200`, {
          headers: { Authorization: `Bearer ${again.token}` },
        })
      ).json()) as { data: { message: string | null }[] };
      const stored = new Set(history.data.map((row) => row.message));
      const missing = acknowledged.filter((w) => w.serviceId === serviceId && !stored.has(w.message));
      expect(missing).toEqual([]);
    }
  }, 120_000);
});
