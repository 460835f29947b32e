import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createOrg } from '../../test/fixtures.ts';
import { asSystem } from '../db/doors.ts';
import { appendEvent } from '../db/events.ts';
import { createLogger } from '../logger.ts';
import type { Delivery, DeliveryResult, OutboxChannel } from './channel.ts';
import { createOutboxWorker } from './worker.ts';
import { giveUpAfterMs, retryDelayMs } from './backoff.ts';

const log = createLogger('silent');

interface Row {
  id: string;
  kind: string;
  state: string;
  attempts: number;
  event_seq: string | null;
  payload: Record<string, unknown>;
}

/** A channel written for these tests: plans one `probe` delivery per event, answers from a script. */
function probeChannel(script: Array<DeliveryResult | Error>) {
  const seen: Delivery[] = [];
  const gaveUp: string[] = [];
  const channel: OutboxChannel = {
    kind: 'probe',
    async plan(_tx, event) {
      return [{ kind: 'probe', payload: { type: event.type, seq: event.seq } }];
    },
    async deliver(delivery) {
      seen.push(delivery);
      const next = script.shift() ?? { outcome: 'delivered' };
      if (next instanceof Error) throw next;
      return next;
    },
    async onGaveUp(_tx, delivery) {
      gaveUp.push(delivery.id);
    },
  };
  return { channel, seen, gaveUp };
}

describe('outbox', () => {
  let t: TestContext;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestContext();
    orgId = (await createOrg(t.db)).id;
  });
  afterAll(() => t.close());

  const rows = (where = 'true') =>
    t.db.query<Row>(
      `select id, kind, state, attempts, event_seq, payload from private.outbox where ${where} order by created_at, kind`,
    );
  const attempts = (id: string) =>
    t.db.query<{ attempt: number; outcome: string; response_code: number | null; error: string | null }>(
      `select attempt, outcome, response_code, error from private.outbox_attempts where delivery_id = $1 order by attempt`,
      [id],
    );

  it("writes an event row in the event's own transaction, and none when it rolls back", async () => {
    await t.db.query(`delete from private.outbox`);
    const event = await asSystem(t.db, 'test', (tx) =>
      appendEvent(tx, orgId, 'incident.created', { incident: { id: 'x' } }),
    );
    await asSystem(t.db, 'test', (tx) => appendEvent(tx, orgId, 'service_group.created', {}));
    await asSystem(t.db, 'test', async (tx) => {
      await appendEvent(tx, orgId, 'incident.resolved', {});
      throw new Error('roll back');
    }).catch(() => undefined);
    const left = await rows();
    expect(left.map((r) => [r.kind, Number(r.event_seq), r.state])).toEqual([['event', event.seq, 'pending']]);
  });

  it("fans the event out into its channels' deliveries and sends each; retries keep the id, with backoff", async () => {
    await t.db.query(`delete from private.outbox`);
    const fail = (code: number): DeliveryResult => ({ outcome: 'retry', error: `HTTP ${code}`, responseCode: code });
    const probe = probeChannel([fail(500), new Error('connection reset'), fail(503)]);
    const worker = createOutboxWorker({
      db: t.db,
      clock: t.clock,
      log,
      channels: [probe.channel],
      random: () => 0.5,
      retryBaseMs: 1000,
    });
    const event = await asSystem(t.db, 'test', (tx) => appendEvent(tx, orgId, 'maintenance.started', {}));
    expect(await worker.drain()).toBe(2); // the fan-out, then the first attempt
    const [fanout] = await rows(`kind = 'event'`);
    expect(fanout!.state).toBe('delivered');
    const [delivery] = await rows(`kind = 'probe'`);
    expect(delivery).toMatchObject({
      state: 'pending',
      attempts: 1,
      payload: { type: 'maintenance.started', seq: event.seq },
    });
    // Not due before its backoff (attempt 1: 1000 ms step, half fixed + half × 0.5 = 750 ms).
    t.clock.advance(700);
    expect(await worker.drain()).toBe(0);
    t.clock.advance(100);
    expect(await worker.drain()).toBe(1);
    t.clock.advance(retryDelayMs(2, 1000, () => 0.5));
    expect(await worker.drain()).toBe(1);
    t.clock.advance(retryDelayMs(3, 1000, () => 0.5));
    expect(await worker.drain()).toBe(1);
    expect(probe.seen.map((d) => [d.id, d.attempt])).toEqual([1, 2, 3, 4].map((n) => [delivery!.id, n]));
    expect(await attempts(delivery!.id)).toEqual([
      { attempt: 1, outcome: 'retry', response_code: 500, error: 'HTTP 500' },
      { attempt: 2, outcome: 'retry', response_code: null, error: 'connection reset' },
      { attempt: 3, outcome: 'retry', response_code: 503, error: 'HTTP 503' },
      { attempt: 4, outcome: 'delivered', response_code: null, error: null },
    ]);
    expect((await rows(`id = '${delivery!.id}'`))[0]!.state).toBe('delivered');
  });

  it('gives up 24 h after the delivery was written, once, and tells the channel', async () => {
    await t.db.query(`delete from private.outbox`);
    const probe = probeChannel(Array.from({ length: 100 }, () => ({ outcome: 'retry' as const, error: 'down' })));
    const worker = createOutboxWorker({ db: t.db, clock: t.clock, log, channels: [probe.channel], random: () => 1 });
    await asSystem(t.db, 'test', (tx) => appendEvent(tx, orgId, 'incident.updated', {}));
    await worker.drain();
    const [delivery] = await rows(`kind = 'probe'`);
    const start = t.clock.now().getTime();
    while (t.clock.now().getTime() - start < giveUpAfterMs + 3600_000) {
      t.clock.advance(15 * 60_000);
      await worker.drain();
    }
    const [after] = await rows(`id = '${delivery!.id}'`);
    expect(after!.state).toBe('failed');
    // Exponential: about 14 attempts in 24 h with the 30 s base, not one per 15 minutes.
    expect(after!.attempts).toBeGreaterThan(8);
    expect(after!.attempts).toBeLessThan(20);
    expect(probe.gaveUp).toEqual([delivery!.id]);
  });

  it('a permanent failure stops at once', async () => {
    await t.db.query(`delete from private.outbox`);
    const probe = probeChannel([{ outcome: 'failed', error: 'HTTP 410', responseCode: 410 }]);
    const worker = createOutboxWorker({ db: t.db, clock: t.clock, log, channels: [probe.channel] });
    await asSystem(t.db, 'test', (tx) => appendEvent(tx, orgId, 'incident.updated', {}));
    await worker.drain();
    t.clock.advance(giveUpAfterMs);
    await worker.drain();
    expect(probe.seen).toHaveLength(1);
    expect((await rows(`kind = 'probe'`))[0]!.state).toBe('failed');
    expect(probe.gaveUp).toHaveLength(1);
  });

  it('a worker that died holding a claim loses nothing: the lease lapses and the same id is sent again', async () => {
    await t.db.query(`delete from private.outbox`);
    const probe = probeChannel([]);
    const worker = createOutboxWorker({ db: t.db, clock: t.clock, log, channels: [probe.channel] });
    await asSystem(t.db, 'test', (tx) => appendEvent(tx, orgId, 'incident.updated', {}));
    await worker.drain();
    // Claim the delivery as a worker that then dies before recording anything.
    await t.db.query(
      `update private.outbox set state = 'pending', attempts = 1, claimed_until = $1 where kind = 'probe'`,
      [new Date(t.clock.now().getTime() + 5 * 60_000).toISOString()],
    );
    await t.db.query(`delete from private.outbox_attempts`);
    const [claimed] = await rows(`kind = 'probe'`);
    probe.seen.length = 0;
    expect(await worker.drain()).toBe(0);
    t.clock.advance(5 * 60_000);
    expect(await worker.drain()).toBe(1);
    expect(probe.seen.map((d) => [d.id, d.attempt])).toEqual([[claimed!.id, 2]]);
  });

  it('two workers never take the same row', async () => {
    await t.db.query(`delete from private.outbox`);
    const a = probeChannel([]);
    const b = probeChannel([]);
    const workers = [a, b].map((p) =>
      createOutboxWorker({ db: t.db, clock: t.clock, log, channels: [p.channel], batchSize: 3 }),
    );
    for (let i = 0; i < 10; i++) await asSystem(t.db, 'test', (tx) => appendEvent(tx, orgId, 'incident.updated', {}));
    await Promise.all(workers.map((w) => w.drain()));
    const sent = [...a.seen, ...b.seen].map((d) => d.id);
    expect(sent).toHaveLength(10);
    expect(new Set(sent).size).toBe(10);
    expect(await rows(`state <> 'delivered'`)).toEqual([]);
  });

  it('the start/stop loop sends what is enqueued and stops cleanly', async () => {
    await t.db.query(`delete from private.outbox`);
    let resolveDelivered!: (delivery: Delivery) => void;
    const delivered = new Promise<Delivery>((resolve) => (resolveDelivered = resolve));
    const channel: OutboxChannel = {
      kind: 'probe',
      plan: async () => [{ kind: 'probe', payload: {} }],
      async deliver(delivery) {
        resolveDelivered(delivery);
        return { outcome: 'delivered' };
      },
    };
    const worker = createOutboxWorker({ db: t.db, clock: t.clock, log, channels: [channel], pollMs: 60_000 });
    await worker.start();
    // NOTIFY at commit wakes it (the poll interval is a minute).
    await asSystem(t.db, 'test', (tx) => appendEvent(tx, orgId, 'incident.created', {}));
    expect((await delivered).kind).toBe('probe');
    await worker.stop();
  });

  it('backoff doubles from the base, caps at 4 h, and jitters within the upper half of each step', () => {
    expect(retryDelayMs(1, 1000, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, () => 1)).toBe(1000);
    expect(retryDelayMs(4, 1000, () => 1)).toBe(8000);
    expect(retryDelayMs(40, 1000, () => 1)).toBe(4 * 3600_000);
  });
});
