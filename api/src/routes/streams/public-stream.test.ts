import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createOrg } from '../../../test/fixtures.ts';
import { createService, openSse, serveApp, updateService, type SseReader } from '../../../test/streams.ts';
import { asSystem } from '../../db/doors.ts';
import { appendEvent } from '../../db/events.ts';

let ctx: TestContext;
let server: Awaited<ReturnType<typeof serveApp>>;
const readers: SseReader[] = [];

beforeAll(async () => {
  ctx = await createTestContext({}, { replayMaxEvents: 5 });
  server = await serveApp(ctx.app, ctx.deps);
});
afterAll(async () => {
  for (const reader of readers) reader.close();
  await server.close();
  await ctx.close();
});

async function connect(slug: string, headers: Record<string, string> = {}, query = ''): Promise<SseReader> {
  const reader = await openSse(`${server.url}/api/public/status/${slug}/stream${query}`, headers);
  readers.push(reader);
  return reader;
}

describe('GET /api/public/status/:orgSlug/stream', () => {
  it('answers a snapshot first, with the stream headers, retry and only public data', async () => {
    const org = await createOrg(ctx.db);
    const pub = await createService(ctx.db, org.id, { name: 'Public' });
    const priv = await createService(ctx.db, org.id, { name: 'Private', isPublic: false });
    const reader = await connect(org.slug);
    expect(reader.status).toBe(200);
    expect(reader.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(reader.headers.get('cache-control')).toBe('no-cache');
    expect(reader.headers.get('x-accel-buffering')).toBe('no');
    expect(reader.headers.get('access-control-allow-origin')).toBe('*');
    const [snapshot] = await reader.until((events) => events.length >= 1);
    expect(reader.retry).toBeGreaterThan(0);
    expect(snapshot!.event).toBe('snapshot');
    expect(snapshot!.id).toBe('2');
    expect(snapshot!.data.seq).toBe(2);
    expect(snapshot!.data.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    const ids = (snapshot!.data.services as { id: string }[]).map((s) => s.id);
    expect(ids).toEqual([pub.id]);
    expect(JSON.stringify(snapshot!.data)).not.toContain(priv.id);
  });

  it('sends as its snapshot exactly the public JSON of GET /api/public/status/:slug, at the same seq', async () => {
    const org = await createOrg(ctx.db);
    const svc = await createService(ctx.db, org.id, { name: 'Public' });
    await createService(ctx.db, org.id, { name: 'Private', isPublic: false });
    await asSystem(ctx.db, 'test', async (tx) => {
      const [incident] = await tx.query<{ id: string }>(
        `insert into public.incidents (org_id, title, status, impact) values ($1, 'Slow', 'investigating', 'minor') returning id`,
        [org.id],
      );
      await tx.query(
        `insert into public.incident_services (incident_id, service_id, org_id, status) values ($1, $2, $3, 'degraded_performance')`,
        [incident!.id, svc.id, org.id],
      );
      await tx.query(
        `insert into public.incident_updates (incident_id, org_id, status, message) values ($1, $2, 'investigating', 'Looking')`,
        [incident!.id, org.id],
      );
      await appendEvent(tx, org.id, 'incident.created', { id: incident!.id });
    });
    const page = (await (await fetch(`${server.url}/api/public/status/${org.slug}`)).json()) as {
      data: Record<string, unknown>;
    };
    const reader = await connect(org.slug);
    const [snapshot] = await reader.until((events) => events.length >= 1);
    expect(snapshot!.data).toEqual(page.data);
    expect(snapshot!.id).toBe(String(page.data.seq));
    expect((page.data.incidents as unknown[]).length).toBe(1);
    // The stream continues exactly after that seq.
    const next = await updateService(ctx.db, org.id, svc.id, { status: 'major_outage' });
    const events = await reader.until((e) => e.length === 2);
    expect(events[1]).toMatchObject({ id: String(next), event: 'service' });
    expect(next).toBe(Number(page.data.seq) + 1);
  });

  it('sends public changes with the new indicator, never private ones, and visibility flips both ways', async () => {
    const org = await createOrg(ctx.db);
    const pub = await createService(ctx.db, org.id);
    const priv = await createService(ctx.db, org.id, { isPublic: false });
    const reader = await connect(org.slug);
    await reader.until((events) => events.length === 1);

    await updateService(ctx.db, org.id, priv.id, { status: 'major_outage' }); // private: nothing
    const s1 = await updateService(ctx.db, org.id, pub.id, { status: 'partial_outage' });
    const s2 = await updateService(ctx.db, org.id, pub.id, { isPublic: false }); // leaves the public view
    const s3 = await updateService(ctx.db, org.id, priv.id, { isPublic: true }); // enters it
    const events = await reader.until((e) => e.length === 4);
    expect(events.slice(1)).toEqual([
      {
        id: String(s1),
        event: 'service',
        data: { service: expect.objectContaining({ id: pub.id, status: 'partial_outage' }), indicator: 'major' },
      },
      { id: String(s2), event: 'service', data: { id: pub.id, deleted: true, indicator: 'none' } },
      {
        id: String(s3),
        event: 'service',
        data: { service: expect.objectContaining({ id: priv.id, status: 'major_outage' }), indicator: 'critical' },
      },
    ]);
    const wire = JSON.stringify(events.slice(1, 3));
    expect(wire).not.toContain(priv.id);
    expect(wire).not.toContain('is_public');
  });

  it('replays exactly the missed public events after Last-Event-ID (header or query)', async () => {
    const org = await createOrg(ctx.db);
    const svc = await createService(ctx.db, org.id);
    const from = await updateService(ctx.db, org.id, svc.id, { status: 'degraded_performance' });
    const hidden = await createService(ctx.db, org.id, { isPublic: false });
    await updateService(ctx.db, org.id, hidden.id, { status: 'major_outage' });
    const last = await updateService(ctx.db, org.id, svc.id, { status: 'operational' });

    const readers = [
      await connect(org.slug, { 'Last-Event-ID': String(from) }),
      await connect(org.slug, {}, `?lastEventId=${from}`),
    ];
    for (const reader of readers) {
      const events = await reader.until((e) => e.length >= 1);
      expect(events).toEqual([
        {
          id: String(last),
          event: 'service',
          data: { service: expect.objectContaining({ status: 'operational' }), indicator: 'none' },
        },
      ]);
    }
    const next = await updateService(ctx.db, org.id, svc.id, { status: 'major_outage' });
    for (const reader of readers) {
      const after = await reader.until((e) => e.length >= 2);
      expect(after.map((e) => e.id)).toEqual([String(last), String(next)]);
    }
  });

  it('sends a snapshot at the replay window edges and for an id ahead of the log', async () => {
    const org = await createOrg(ctx.db);
    const svc = await createService(ctx.db, org.id); // seq 1
    for (const status of [
      'degraded_performance',
      'partial_outage',
      'major_outage',
      'operational',
      'degraded_performance',
    ]) {
      await updateService(ctx.db, org.id, svc.id, { status }); // seqs 2..6
    }
    // 5 behind (the test window): replayed. 6 behind: snapshot. Ahead: snapshot.
    const inside = await connect(org.slug, { 'Last-Event-ID': '1' });
    expect((await inside.until((e) => e.length === 5)).map((e) => e.id)).toEqual(['2', '3', '4', '5', '6']);
    const outside = await connect(org.slug, { 'Last-Event-ID': '0' });
    expect((await outside.until((e) => e.length === 1))[0]).toMatchObject({ event: 'snapshot', id: '6' });
    const ahead = await connect(org.slug, { 'Last-Event-ID': '99' });
    expect((await ahead.until((e) => e.length === 1))[0]).toMatchObject({ event: 'snapshot', id: '6' });
    const current = await connect(org.slug, { 'Last-Event-ID': '6' });
    await updateService(ctx.db, org.id, svc.id, { status: 'operational' });
    expect((await current.until((e) => e.length === 1))[0]).toMatchObject({ event: 'service', id: '7' });

    // Older than 24 h: the first missed event is what counts.
    await ctx.db.query(
      `update public.status_events set created_at = now() - interval '24 hours 1 second' where org_id = $1 and seq = 6`,
      [org.id],
    );
    const stale = await connect(org.slug, { 'Last-Event-ID': '5' });
    expect((await stale.until((e) => e.length === 1))[0]).toMatchObject({ event: 'snapshot', id: '7' });
    const fresh = await connect(org.slug, { 'Last-Event-ID': '6' });
    expect((await fresh.until((e) => e.length === 1))[0]).toMatchObject({ event: 'service', id: '7' });
  });

  it('answers 308 to the new slug for a renamed org, and 404 for an unknown one', async () => {
    const org = await createOrg(ctx.db);
    const renamed = `${org.slug}-new`;
    await asSystem(ctx.db, 'test', async (tx) => {
      await tx.query('update public.organizations set slug = $2 where id = $1', [org.id, renamed]);
      await appendEvent(tx, org.id, 'organization.updated', {});
    });
    const old = await fetch(`${server.url}/api/public/status/${org.slug}/stream?lastEventId=3`, { redirect: 'manual' });
    expect(old.status).toBe(308);
    expect(old.headers.get('location')).toBe(`/api/public/status/${renamed}/stream?lastEventId=3`);
    expect(old.headers.get('access-control-allow-origin')).toBe('*');
    const unknown = await fetch(`${server.url}/api/public/status/no-such-org-here/stream`);
    expect(unknown.status).toBe(404);
    const reader = await connect(renamed);
    expect((await reader.until((e) => e.length === 1))[0]).toMatchObject({
      event: 'snapshot',
      data: { organization: { slug: renamed } },
    });
  });
});
