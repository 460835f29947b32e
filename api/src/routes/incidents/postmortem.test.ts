/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked by value */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createService, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { openSse, serveApp, type SseReader } from '../../../test/streams.ts';
import { call, eventsOf } from './test-kit.ts';

// The post-mortem route, and the rule that the public JSON surfaces (the snapshot over REST and as
// the stream's first event, the stream's change events, summary.json) carry update messages and
// post-mortems as plain text while the org API keeps the Markdown as written.

const markdown = 'We **rolled back** the [deploy](https://example.com/d).\n\n- cause: `config`\n- <script>x</script>';
const plain = 'We rolled back the deploy (https://example.com/d).\n\n- cause: config\n- <script>x</script>';

describe('incident post-mortems and plain text on the public surfaces', () => {
  let t: TestContext;
  let world: TenantWorld;
  let member: string;
  let base: string;
  let server: Awaited<ReturnType<typeof serveApp>>;
  const readers: SseReader[] = [];

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    member = await t.tokens.sign(world.users.memberA.id, world.users.memberA.email);
    base = `/api/organizations/${world.orgA.id}/incidents`;
    server = await serveApp(t.app, t.deps);
  });
  afterAll(async () => {
    for (const reader of readers) reader.close();
    await server.close();
    await t.close();
  });

  async function openOn(serviceId: string) {
    const opened = await call(t, 'POST', base, member, {
      title: 'Errors',
      services: [{ service_id: serviceId, status: 'partial_outage' }],
      message: markdown,
    });
    expect(opened.status).toBe(201);
    return opened.body.data.id as string;
  }

  it('refuses a post-mortem on an open incident, and writes, replaces and removes one on a resolved one', async () => {
    const svc = await createService(t.db, world.orgA.id);
    const id = await openOn(svc.id);
    const refused = await call(t, 'PUT', `${base}/${id}/postmortem`, member, { postmortem: 'Too early' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect((await call(t, 'POST', `${base}/${id}/resolve`, member, {})).status).toBe(200);
    t.clock.advance(1000);

    const written = await call(t, 'PUT', `${base}/${id}/postmortem`, member, { postmortem: markdown });
    expect(written.status).toBe(200);
    expect(written.body.data.postmortem).toBe(markdown);
    expect(written.body.data.postmortem_updated_at).toBe(t.clock.now().toISOString());
    expect((await call(t, 'GET', `${base}/${id}`, member)).body.data.postmortem).toBe(markdown);

    const replaced = await call(t, 'PUT', `${base}/${id}/postmortem`, member, { postmortem: ' Short. ' });
    expect(replaced.body.data.postmortem).toBe('Short.');
    const removed = await call(t, 'PUT', `${base}/${id}/postmortem`, member, { postmortem: null });
    expect(removed.status).toBe(200);
    expect(removed.body.data).toMatchObject({ postmortem: null, postmortem_updated_at: null });
    const types = (await eventsOf(t.db, world.orgA.id, 'incident.postmortem')).map((e) => e.type);
    expect(types).toEqual([
      'incident.postmortem_updated',
      'incident.postmortem_updated',
      'incident.postmortem_deleted',
    ]);
  });

  it('validates the body', async () => {
    const svc = await createService(t.db, world.orgA.id);
    const id = await openOn(svc.id);
    await call(t, 'POST', `${base}/${id}/resolve`, member, {});
    for (const body of [{}, { postmortem: '' }, { postmortem: 'x'.repeat(50_001) }, { postmortem: 'ok', extra: 1 }]) {
      const answer = await call(t, 'PUT', `${base}/${id}/postmortem`, member, body);
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    const missing = await call(t, 'PUT', `${base}/00000000-0000-4000-8000-000000000000/postmortem`, member, {
      postmortem: 'x',
    });
    expect(missing.status).toBe(404);
  });

  it('the public snapshot, summary.json and the stream carry plain text; the org API the Markdown', async () => {
    const svc = await createService(t.db, world.orgA.id);
    const slug = world.orgA.slug;
    const id = await openOn(svc.id);

    const snapshot = (await call(t, 'GET', `/api/public/status/${slug}`, null)).body.data;
    const open = snapshot.incidents.find((i: any) => i.id === id);
    expect(open.updates[0].message).toBe(plain);
    expect(open.postmortem).toBeNull();
    const summary = (await call(t, 'GET', `/api/public/status/${slug}/summary.json`, null)).body;
    expect(summary.incidents.find((i: any) => i.id === id).incident_updates[0].body).toBe(plain);

    const reader = await openSse(`${server.url}/api/public/status/${slug}/stream`);
    readers.push(reader);
    const [first] = await reader.until((events) => events.length >= 1);
    expect(first!.event).toBe('snapshot');
    const streamed = (first!.data.incidents as any[]).find((i) => i.id === id);
    expect(streamed.updates[0].message).toBe(plain);

    t.clock.advance(1000);
    await call(t, 'POST', `${base}/${id}/resolve`, member, { message: 'Fixed by **reverting**.' });
    await call(t, 'PUT', `${base}/${id}/postmortem`, member, { postmortem: markdown });
    const events = await reader.until((all) =>
      all.some((e) => e.event === 'incident' && (e.data.incident as any)?.postmortem),
    );
    const changes = events.filter((e) => e.event === 'incident').map((e) => e.data.incident as any);
    const resolved = changes.find((c) => c.id === id && c.status === 'resolved');
    expect(resolved.updates[0].message).toBe('Fixed by reverting.');
    expect(changes.at(-1).postmortem).toBe(plain);
    expect(JSON.stringify(changes)).not.toContain('**');

    // A resume from an older seq replays the same changes, as plain text too.
    const resumed = await openSse(`${server.url}/api/public/status/${slug}/stream`, { 'Last-Event-ID': first!.id! });
    readers.push(resumed);
    const replayed = await resumed.until((all) =>
      all.some((e) => e.event === 'incident' && (e.data.incident as any)?.postmortem),
    );
    const last = replayed.filter((e) => e.event === 'incident').at(-1)!.data.incident as any;
    expect(last.postmortem).toBe(plain);
    expect(last.updates.map((u: any) => u.message)).toEqual(['Fixed by reverting.', plain]);

    const org = await call(t, 'GET', `${base}/${id}`, member);
    expect(org.body.data.postmortem).toBe(markdown);
    expect(org.body.data.updates[0].message).toBe('Fixed by **reverting**.');
  });
});
