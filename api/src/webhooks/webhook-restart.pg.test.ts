/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read as JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { startProduct, type ProductProcess } from '../../test/product-process.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/webhook-receiver.ts';
import { mailedToken } from '../../test/mailbox.ts';

/** Waits for something a child process does (it cannot call back): polls until true or the deadline. */
async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check());) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// The product as users run it (serve.ts in a child process), killed with SIGKILL between two attempts
// of a delivery and started again on the same database: the retry still comes, with the same id.
describe('a webhook delivery survives the API process being killed between attempts', () => {
  let dataDir: string;
  let database: TestDatabase | null = null;
  let receiver: WebhookReceiver;
  let product: ProductProcess | null = null;
  const env = () => ({
    DATA_DIR: dataDir,
    DATABASE_URL: database!.url ?? '',
    SEED_DEMO: 'false',
    JWT_SECRET: 'restart-test-secret-restart-test-secret-0123',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    // The first retry waits 1–2 s: time enough to kill the process after attempt 1 is recorded.
    OUTBOX_RETRY_BASE_MS: '2000',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lantern-webhook-restart-'));
    // On a PostgreSQL server (this file runs in the postgres project only): the embedded database's
    // two cold starts would make it a minute and a half.
    database = await createTestDatabase();
    receiver = await startWebhookReceiver();
  }, 60_000);
  afterAll(async () => {
    await product?.stop();
    await receiver.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('attempt 1 answered 500, SIGKILL, restart: attempt 2 carries the same webhook-id and is delivered', async () => {
    product = await startProduct(env());
    const call = async (method: string, path: string, token: string | null, json?: unknown) => {
      const res = await fetch(`${product!.url}${path}`, {
        method,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(json ? { 'Content-Type': 'application/json' } : {}),
        },
        body: json ? JSON.stringify(json) : null,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const account = { email: 'ops@example.test', password: 'correct horse battery staple' };
    expect((await call('POST', '/api/auth/signup', null, account)).status).toBe(202);
    // The confirmation mail leaves through the product's outbox into DATA_DIR/mail.
    let confirmation = '';
    await until('the confirmation mail', async () => {
      confirmation = await mailedToken(dataDir, account.email, '/verify-email').catch(() => '');
      return confirmation !== '';
    });
    expect((await call('POST', '/api/auth/verify-email', null, { token: confirmation })).status).toBe(200);
    const login = await call('POST', '/api/auth/login', null, account);
    expect(login.status).toBe(200);
    const token = login.body.data.access_token as string;
    const org = await call('POST', '/api/organizations', token, { name: 'Restart Co', slug: 'restart-co' });
    expect(org.status).toBe(201);
    const base = `/api/organizations/${org.body.data.id}`;
    // A literal loopback address: the real Outbound of serve.ts does no lookup for it.
    const hook = await call('POST', `${base}/webhooks`, token, { url: `http://127.0.0.1:${receiver.port}/hook` });
    expect(hook.status).toBe(201);
    const deliveries = `${base}/webhooks/${hook.body.data.id}/deliveries`;

    receiver.answers = [500];
    const incident = await call('POST', `${base}/incidents`, token, { title: 'Down', message: 'Looking.' });
    expect(incident.status).toBe(201);
    await until('attempt 1 recorded', async () => {
      const listed = await call('GET', deliveries, token);
      return listed.body.data[0]?.attempts.length === 1;
    });
    product.child.kill('SIGKILL');
    await new Promise((resolve) => product!.child.once('exit', resolve));
    expect(receiver.received).toHaveLength(1);

    product = await startProduct(env());
    await until('attempt 2 received', () => receiver.received.length >= 2);
    const [first, second] = receiver.received;
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    for (const request of [first!, second!]) {
      const body = new Webhook(hook.body.data.secret).verify(request.body, {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      }) as any;
      expect(body).toMatchObject({ type: 'incident.created', data: { organization: { slug: 'restart-co' } } });
    }
    await until('attempt 2 recorded', async () => {
      const listed = await call('GET', deliveries, token);
      return listed.body.data[0]?.state === 'delivered';
    });
    const listed = await call('GET', deliveries, token);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0].attempts.map((a: any) => [a.outcome, a.response_code])).toEqual([
      ['retry', 500],
      ['delivered', 204],
    ]);
    expect(receiver.received).toHaveLength(2);
  }, 120_000);
});
