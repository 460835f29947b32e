/* eslint-disable @typescript-eslint/no-explicit-any -- delivered bodies are checked with toMatchObject */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createService, createTenantWorld, type TenantWorld } from '../../test/fixtures.ts';
import { authFor, eventsAfter, send } from '../../test/service-helpers.ts';
import { startWebhookReceiver, type WebhookReceiver, type ReceivedWebhook } from '../../test/webhook-receiver.ts';
import { readMailbox } from '../../test/mailbox.ts';
import { asSystem } from '../db/doors.ts';

describe('webhooks: subscriptions and signed deliveries to a loopback receiver', () => {
  let t: TestContext;
  let world: TenantWorld;
  let admin: string;
  let receiver: WebhookReceiver;
  let serviceA: string;
  let serviceB: string;
  const base = () => `/api/organizations/${world.orgA.id}/webhooks`;
  const drain = () => t.deps.outbox!.drain();
  const create = async (json: Record<string, unknown>) => {
    const res = await send(t, 'POST', base(), admin, json);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data as { id: string; secret: string; url: string };
  };
  const openIncident = async (services: string[], title = 'Database down') => {
    const res = await send(t, 'POST', `/api/organizations/${world.orgA.id}/incidents`, admin, {
      title,
      message: 'We are looking into it.',
      services: services.map((service_id) => ({ service_id, status: 'major_outage' })),
    });
    expect(res.status).toBe(201);
    return res.body.data as { id: string };
  };
  /** Verifies a delivery like a receiver would, with the standardwebhooks package. */
  const verify = (secret: string, request: ReceivedWebhook) =>
    new Webhook(secret).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    }) as any;

  beforeAll(async () => {
    // Loopback receivers need WEBHOOK_ALLOW_PRIVATE; retries start at 1 s so the TestClock moves little.
    t = await createTestContext({ WEBHOOK_ALLOW_PRIVATE: 'true', OUTBOX_RETRY_BASE_MS: '1000' });
    world = await createTenantWorld(t.db);
    admin = await authFor(t, world.users.adminA);
    receiver = await startWebhookReceiver();
    serviceA = (await createService(t.db, world.orgA.id, { name: 'API' })).id;
    serviceB = (await createService(t.db, world.orgA.id, { name: 'Website' })).id;
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });
  beforeEach(async () => {
    // Each test starts from no webhooks and an empty outbox.
    await drain();
    await asSystem(t.db, 'test', (tx) => tx.query('delete from public.webhooks'));
    // Receivers check the signature's timestamp against the real time: bring the TestClock back.
    t.clock.current = new Date();
    receiver.received.length = 0;
    receiver.answers = [];
    receiver.fallback = 204;
  });

  it('shows the secret once, stores it apart, never lists it', async () => {
    const hook = await create({ url: receiver.url('/once') });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await send(t, 'GET', base(), admin);
    const one = await send(t, 'GET', `${base()}/${hook.id}`, admin);
    expect(listed.body.data.map((h: any) => h.id)).toEqual([hook.id]);
    expect(one.body.data).toMatchObject({ id: hook.id, kind: 'standard', disabled_at: null });
    expect(one.body.data.event_types).not.toContain('service.status_changed');
    for (const text of [JSON.stringify(listed.body), JSON.stringify(one.body)]) expect(text).not.toContain('whsec_');
    const events = await eventsAfter(t.db, world.orgA.id);
    expect(JSON.stringify(events)).not.toContain(hook.secret);
    const [stored] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ secret: string }>('select secret from private.webhook_secrets where webhook_id = $1', [hook.id]),
    );
    expect(stored!.secret).toBe(hook.secret);
  });

  it('refuses URLs the outbound policy refuses, and services of another org', async () => {
    for (const url of [
      'http://0.0.0.0/',
      'http://[64:ff9b::a9fe:a9fe]/',
      'ftp://receiver.test/',
      'http://nowhere.test/',
    ]) {
      const res = await send(t, 'POST', base(), admin, { url });
      expect(res.status, url).toBe(400);
      expect(res.body.error.details[0].path).toEqual(['url']);
    }
    const other = await createService(t.db, world.orgB.id);
    const res = await send(t, 'POST', base(), admin, { url: receiver.url('/x'), service_ids: [other.id] });
    expect(res.status).toBe(400);
  });

  it('delivers an incident signed the Standard Webhooks way, with org slug, event seq and page link', async () => {
    const hook = await create({ url: receiver.url('/standard') });
    const incident = await openIncident([serviceA]);
    await drain();
    expect(receiver.received).toHaveLength(1);
    const body = verify(hook.secret, receiver.received[0]!);
    const [event] = (await eventsAfter(t.db, world.orgA.id)).filter((e) => e.type === 'incident.created').slice(-1);
    expect(body).toMatchObject({
      type: 'incident.created',
      data: {
        organization: { id: world.orgA.id, slug: world.orgA.slug },
        event_seq: event!.seq,
        url: `http://localhost:${t.env.PORT}/status/${world.orgA.slug}/incidents/${incident.id}/`,
        incident: {
          id: incident.id,
          title: 'Database down',
          services: [{ id: serviceA, name: 'API', status: 'major_outage' }],
          latest_update: { message: 'We are looking into it.' },
        },
      },
    });
    expect(receiver.received[0]!.headers['content-type']).toBe('application/json');
  });

  it('fails three times, the fourth succeeds: four attempts, one id, each listed with its code and duration', async () => {
    const hook = await create({ url: receiver.url('/flaky') });
    receiver.answers = [500, 503, 302];
    await openIncident([serviceA]);
    await drain();
    for (const step of [1_000, 2_000, 4_000]) {
      // Each retry is due after its backoff (base 1 s, doubled, with jitter up to the step).
      t.clock.advance(step);
      await drain();
    }
    expect(receiver.received.map((r) => r.path)).toEqual(['/flaky', '/flaky', '/flaky', '/flaky']);
    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const request of receiver.received) expect(verify(hook.secret, request).type).toBe('incident.created');
    const listed = await send(t, 'GET', `${base()}/${hook.id}/deliveries`, admin);
    expect(listed.status).toBe(200);
    const [delivery] = listed.body.data;
    expect(delivery).toMatchObject({ id: [...ids][0], type: 'incident.created', state: 'delivered' });
    expect(delivery.attempts.map((a: any) => [a.attempt, a.outcome, a.response_code])).toEqual([
      [1, 'retry', 500],
      [2, 'retry', 503],
      [3, 'retry', 302],
      [4, 'delivered', 204],
    ]);
    for (const attempt of delivery.attempts) expect(attempt.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('does not follow a redirect: the 302 is the answer', async () => {
    await create({ url: receiver.url('/moved') });
    receiver.answers = [302];
    await openIncident([serviceA]);
    await drain();
    expect(receiver.received.map((r) => r.path)).toEqual(['/moved']);
  });

  it('a 410 disables the webhook and mails the admins; later events queue nothing for it', async () => {
    const hook = await create({ url: receiver.url('/gone'), description: 'ops bot' });
    receiver.answers = [410];
    await openIncident([serviceA]);
    await drain();
    const got = await send(t, 'GET', `${base()}/${hook.id}`, admin);
    expect(got.body.data).toMatchObject({ disabled_reason: 'gone' });
    const mails = (await readMailbox(t.dataDir)).filter((m) => m.subject.startsWith('Webhook disabled'));
    expect(mails.map((m) => m.to)).toEqual([world.users.adminA.email]);
    expect(mails[0]!.text).toContain('410');
    expect(mails[0]!.text).not.toContain('/gone');
    await openIncident([serviceA], 'Second');
    await drain();
    expect(receiver.received).toHaveLength(1);
    // Saving it again enables it.
    const saved = await send(t, 'PUT', `${base()}/${hook.id}`, admin, { url: receiver.url('/gone') });
    expect(saved.body.data).toMatchObject({ disabled_at: null, disabled_reason: null });
  });

  it('24 h of failures disables the webhook', async () => {
    const hook = await create({ url: receiver.url('/down') });
    receiver.fallback = 500;
    await openIncident([serviceA]);
    await drain();
    t.clock.advance(25 * 3600_000);
    await drain();
    const got = await send(t, 'GET', `${base()}/${hook.id}`, admin);
    expect(got.body.data).toMatchObject({ disabled_reason: 'failing' });
    expect(receiver.received).toHaveLength(2);
  });

  it('sends only the chosen types about the followed services; status changes are opt-in', async () => {
    await create({ url: receiver.url('/a-only'), service_ids: [serviceA] });
    await create({ url: receiver.url('/status'), event_types: ['service.status_changed'], service_ids: [serviceB] });
    await openIncident([serviceB], 'Website slow');
    await drain();
    const got = receiver.received.map((r) => [r.path, JSON.parse(r.body).type]);
    expect(got).toEqual([['/status', 'service.status_changed']]);
    expect(JSON.parse(receiver.received[0]!.body).data.service).toMatchObject({
      id: serviceB,
      name: 'Website',
      status: 'major_outage',
      previous_status: 'operational',
    });
  });

  it('maintenances: scheduled, started, completed and cancelled', async () => {
    const hook = await create({ url: receiver.url('/maint'), service_ids: [serviceA] });
    const maintenances = `/api/organizations/${world.orgA.id}/maintenances`;
    const window = (hours: number) => new Date(t.clock.now().getTime() + hours * 3600_000).toISOString();
    const schedule = async (title: string) => {
      const res = await send(t, 'POST', maintenances, admin, {
        title,
        starts_at: window(1),
        ends_at: window(2),
        service_ids: [serviceA],
      });
      expect(res.status).toBe(201);
      return res.body.data.id as string;
    };
    const move = async (id: string, status: string) =>
      expect((await send(t, 'PUT', `${maintenances}/${id}`, admin, { status })).status).toBe(200);
    const done = await schedule('Upgrade');
    await move(done, 'in_progress');
    await move(done, 'completed');
    const called = await schedule('Called off');
    await move(called, 'cancelled');
    await drain();
    // Sent in parallel batches, so in any order: the event seq orders them.
    const bodies = receiver.received
      .map((r) => verify(hook.secret, r))
      .sort((a, b) => a.data.event_seq - b.data.event_seq);
    expect(bodies.map((b) => [b.type, b.data.maintenance.id])).toEqual([
      ['maintenance.scheduled', done],
      ['maintenance.started', done],
      ['maintenance.completed', done],
      ['maintenance.scheduled', called],
      ['maintenance.cancelled', called],
    ]);
    expect(bodies[0].data).toMatchObject({
      url: `http://localhost:${t.env.PORT}/status/${world.orgA.slug}/maintenances/${done}/`,
      maintenance: { title: 'Upgrade', services: [{ id: serviceA }] },
    });
  });

  it('the test route queues a signed webhook.test delivery', async () => {
    const hook = await create({ url: receiver.url('/ping') });
    const res = await send(t, 'POST', `${base()}/${hook.id}/test`, admin);
    expect(res.status).toBe(202);
    await drain();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers['webhook-id']).toBe(res.body.data.delivery_id);
    expect(verify(hook.secret, receiver.received[0]!)).toMatchObject({
      type: 'webhook.test',
      data: { organization: { slug: world.orgA.slug }, event_seq: null },
    });
  });

  it('lists deliveries a page at a time, newest first, each once; a cursor it did not make is a 400', async () => {
    const hook = await create({ url: receiver.url('/ping') });
    const queued: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await send(t, 'POST', `${base()}/${hook.id}/test`, admin);
      expect(res.status).toBe(202);
      queued.unshift(res.body.data.delivery_id);
    }
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await send(t, 'GET', `${base()}/${hook.id}/deliveries?limit=2${query}`, admin);
      expect(res.status).toBe(200);
      pages.push(res.body.data.map((d: any) => d.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(queued);
    const all = await send(t, 'GET', `${base()}/${hook.id}/deliveries`, admin);
    expect(all.body).toMatchObject({ next_cursor: null });
    expect(all.body.data.map((d: any) => d.id)).toEqual(queued);

    for (const bad of ['nope', Buffer.from('["2026-01-01T00:00:00Z","x"]').toString('base64url')]) {
      const res = await send(t, 'GET', `${base()}/${hook.id}/deliveries?cursor=${bad}`, admin);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: ['cursor'] }] });
    }
  });

  it('slack: an incoming-webhook message with Block Kit blocks', async () => {
    await create({ url: receiver.url('/slack'), kind: 'slack' });
    const incident = await openIncident([serviceA], 'Checkout <errors> & timeouts');
    await drain();
    const message = JSON.parse(receiver.received[0]!.body);
    expect(Object.keys(message).sort()).toEqual(['blocks', 'text']);
    expect(typeof message.text).toBe('string');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const [header, section, context] = message.blocks;
    expect(header).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'New incident: Checkout <errors> & timeouts', emoji: false },
    });
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(section.type).toBe('section');
    expect(section.text.type).toBe('mrkdwn');
    expect(section.text.text).toContain('We are looking into it.');
    expect(section.text.text.length).toBeLessThanOrEqual(3000);
    expect(context.type).toBe('context');
    expect(context.elements[0].type).toBe('mrkdwn');
    expect(context.elements[0].text).toContain(`/incidents/${incident.id}/|Open the status page>`);
  });

  it('discord: one embed within the documented limits', async () => {
    await create({ url: receiver.url('/discord'), kind: 'discord' });
    const incident = await openIncident([serviceA], 'x'.repeat(200));
    await drain();
    const message = JSON.parse(receiver.received[0]!.body);
    expect(message.embeds).toHaveLength(1);
    const [embed] = message.embeds;
    expect(embed.title.length).toBeLessThanOrEqual(256);
    expect(embed.url).toContain(`/incidents/${incident.id}/`);
    expect(embed.description).toBe('We are looking into it.');
    expect(Number.isInteger(embed.color) && embed.color >= 0 && embed.color <= 0xffffff).toBe(true);
    expect(new Date(embed.timestamp).toISOString()).toBe(embed.timestamp);
    expect(embed.fields.length).toBeLessThanOrEqual(25);
    for (const field of embed.fields) {
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeLessThanOrEqual(1024);
    }
    expect(embed.footer.text.length).toBeLessThanOrEqual(2048);
    const total = [
      embed.title,
      embed.description,
      embed.footer.text,
      ...embed.fields.flatMap((f: any) => [f.name, f.value]),
    ].join('').length;
    expect(total).toBeLessThanOrEqual(6000);
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('deletes a webhook: queued deliveries give up without a call; other orgs cannot see it', async () => {
    const hook = await create({ url: receiver.url('/deleted') });
    const adminB = await authFor(t, world.users.adminB);
    expect((await send(t, 'GET', `/api/organizations/${world.orgB.id}/webhooks/${hook.id}`, adminB)).status).toBe(404);
    await openIncident([serviceA]);
    expect((await send(t, 'DELETE', `${base()}/${hook.id}`, admin)).status).toBe(204);
    await drain();
    expect(receiver.received).toHaveLength(0);
    expect((await send(t, 'GET', `${base()}/${hook.id}`, admin)).status).toBe(404);
  });
});
