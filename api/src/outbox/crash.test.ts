import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProduct, type ProductProcess } from '../../test/product-process.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { demoAdmin } from '../db/seed.ts';

const killed = (p: ProductProcess) =>
  new Promise<void>((resolve) => {
    p.child.once('exit', () => resolve());
    p.child.kill('SIGKILL');
  });

/**
 * The product as users run it (serve.ts, embedded database), killed with SIGKILL while mail waits in
 * its outbox: the next start sends every message, and a message that was tried before carries the
 * same Message-ID. A real SMTP server on loopback refuses the first message with a 451.
 */
describe('the outbox across a killed API process (serve.ts, PGlite)', () => {
  let smtp: SmtpSink;
  let dataDir: string;
  let product: ProductProcess | null = null;
  let env: Record<string, string>;
  beforeAll(async () => {
    smtp = await startSmtpSink({ rejectFirst: 1 });
    dataDir = await mkdtemp(join(tmpdir(), 'lantern-outbox-crash-'));
    // A short lease: messages the killed process had taken come back after 3 s instead of 2 min.
    env = {
      DATA_DIR: dataDir,
      SMTP_URL: smtp.url,
      OUTBOX_RETRY_BASE_MS: '1000',
      OUTBOX_LEASE_MS: '3000',
      SEED_DEMO: 'true',
    };
  });
  afterAll(async () => {
    await product?.stop();
    await smtp.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const askReset = async () => {
    const res = await fetch(`${product!.url}/api/auth/password-reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: demoAdmin.email }),
    });
    expect(res.status).toBe(204);
  };
  const messageIds = () => new Set(smtp.received.map((m) => m.messageId));

  it('killed between two attempts: the restarted process sends the message with the same id', async () => {
    product = await startProduct(env);
    await askReset();
    // The first attempt was refused (451) and recorded as a retry; then the process dies.
    await product.metricReaches('lantern_outbox_deliveries_total{kind="email",outcome="retry"}', 1);
    await killed(product);
    expect(smtp.received).toHaveLength(0);
    product = await startProduct(env);
    await smtp.until(1);
    const [refused] = smtp.rejected;
    const [sent] = smtp.received;
    expect(sent!.messageId).toMatch(/^<[0-9a-f-]{36}@lantern\.local>$/);
    expect(sent!.messageId).toBe(refused!.messageId);
    expect(sent!.text).toBe(refused!.text);
    expect(sent!.text).toMatch(/\/reset-password\?token=/);
  }, 180_000);

  it('killed right after three requests were answered: every message arrives, repeats share their id', async () => {
    for (let i = 0; i < 3; i++) await askReset();
    await killed(product!);
    product = await startProduct(env);
    await smtp.waitFor(() => messageIds().size >= 4);
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(4);
    // At least once: a message sent just before the kill may come again, always with its own id.
    for (const id of ids)
      expect(
        smtp.received.filter((m) => m.messageId === id).every((m) => m.subject === 'Reset your Lantern password'),
      ).toBe(true);
  }, 180_000);
});
