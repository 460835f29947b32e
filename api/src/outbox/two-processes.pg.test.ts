import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createUser } from '../../test/fixtures.ts';
import { startProduct, type ProductProcess } from '../../test/product-process.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';

/**
 * Two API processes (serve.ts) on one PostgreSQL database share the outbox: every request is
 * answered by one of them, both workers claim with `for update skip locked`, and each message
 * reaches the (real, loopback) SMTP server exactly once in the normal case.
 */
describe('two API processes share the outbox (PostgreSQL)', () => {
  let t: TestContext;
  let smtp: SmtpSink;
  const processes: ProductProcess[] = [];
  const dataDirs: string[] = [];
  const users: string[] = [];
  beforeAll(async () => {
    t = await createTestContext();
    smtp = await startSmtpSink();
    for (let i = 0; i < 40; i++) users.push((await createUser(t.db, `two-${i}@example.test`)).email);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await smtp.close();
    await t.close();
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('40 reset requests spread over both: 40 messages, each delivered once', async () => {
    for (let i = 0; i < 2; i++) {
      const dataDir = await mkdtemp(join(tmpdir(), 'lantern-two-'));
      dataDirs.push(dataDir);
      processes.push(
        await startProduct({
          DATABASE_URL: t.url!,
          DATA_DIR: dataDir,
          SMTP_URL: smtp.url,
          RATE_LIMIT_LOGIN_PER_IP: '1000',
        }),
      );
    }
    await Promise.all(
      users.map(async (email, i) => {
        const res = await fetch(`${processes[i % 2]!.url}/api/auth/password-reset`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email }),
        });
        expect(res.status).toBe(204);
      }),
    );
    await smtp.until(40);
    // Every row is recorded delivered once its message went out, so nothing else can follow.
    const pendingOrFailed = async () =>
      (await t.db.query<{ n: number }>(`select count(*)::int as n from private.outbox where state <> 'delivered'`))[0]!
        .n;
    for (let tries = 0; (await pendingOrFailed()) > 0 && tries < 100; tries++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await pendingOrFailed()).toBe(0);
    expect(smtp.received).toHaveLength(40);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(40);
    expect(new Set(smtp.received.map((m) => m.to))).toEqual(new Set(users));
    // One attempt per delivery: no row was taken twice.
    const [attempts] = await t.db.query<{ n: number; rows: number }>(
      `select count(*)::int as n, count(distinct delivery_id)::int as rows from private.outbox_attempts`,
    );
    expect(attempts!.n).toBe(attempts!.rows);
  }, 180_000);
});
