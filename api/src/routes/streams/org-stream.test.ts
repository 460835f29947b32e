import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import {
  createService,
  openSse,
  serveApp,
  updateService,
  type SseEvent,
  type SseReader,
} from '../../../test/streams.ts';
import { asSystem } from '../../db/doors.ts';
import { appendEvent } from '../../db/events.ts';

let ctx: TestContext;
let world: TenantWorld;
let server: Awaited<ReturnType<typeof serveApp>>;
const readers: SseReader[] = [];

beforeAll(async () => {
  // A short heartbeat, so the access re-check on each heartbeat is observable quickly.
  ctx = await createTestContext({}, { heartbeatMs: 200 });
  world = await createTenantWorld(ctx.db);
  server = await serveApp(ctx.app, ctx.deps);
});
afterAll(async () => {
  for (const reader of readers) reader.close();
  await server.close();
  await ctx.close();
});

async function connect(orgId: string, bearer: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const reader = await openSse(`${server.url}/api/organizations/${orgId}/stream`, {
    Authorization: `Bearer ${bearer}`,
    ...headers,
  });
  readers.push(reader);
  return reader;
}

const userToken = (user: { id: string; email: string }) => ctx.tokens.sign(user.id, user.email);

describe('GET /api/organizations/:orgId/stream', () => {
  it('is for members and read keys of the org only', async () => {
    const anonymous = await fetch(`${server.url}/api/organizations/${world.orgA.id}/stream`);
    expect(anonymous.status).toBe(401);
    const outsider = await fetch(`${server.url}/api/organizations/${world.orgA.id}/stream`, {
      headers: { Authorization: `Bearer ${await userToken(world.users.adminB)}` },
    });
    expect(outsider.status).toBe(403);
    const metricsKey = await createApiKey(ctx.db, world.orgA.id, ['metrics:read']);
    expect(
      (
        await fetch(`${server.url}/api/organizations/${world.orgA.id}/stream`, {
          headers: { Authorization: `Bearer ${metricsKey.secret}` },
        })
      ).status,
    ).toBe(403);
    const readKey = await createApiKey(ctx.db, world.orgA.id, ['read']);
    const reader = await connect(world.orgA.id, readKey.secret);
    expect(reader.status).toBe(200);
    expect((await reader.until((e) => e.length === 1))[0]).toMatchObject({ event: 'snapshot', data: { resync: true } });
  });

  it('delivers every event, private ones included, in order without gaps or duplicates under 8 concurrent writers', async () => {
    const viewer = await connect(world.orgA.id, await userToken(world.users.viewerA));
    const [snapshot] = await viewer.until((e) => e.length === 1);
    const start = Number(snapshot!.id);
    const services = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createService(ctx.db, world.orgA.id, { isPublic: i % 2 === 0 })),
    );
    const statuses = ['major_outage', 'operational'];
    await Promise.all(
      services.map(async (svc) => {
        for (let round = 0; round < 10; round++)
          await updateService(ctx.db, world.orgA.id, svc.id, { status: statuses[round % 2]! });
      }),
    );
    const total = 8 + 8 * 10;
    const events = await viewer.until((e) => e.length === 1 + total);
    expect(events.slice(1).map((e) => Number(e.id))).toEqual(Array.from({ length: total }, (_, i) => start + 1 + i));
    expect(
      events
        .slice(1)
        .every((e) => e.data.seq === Number(e.id) && typeof e.event === 'string' && e.event === e.data.type),
    ).toBe(true);
    // Private services' events are on the org stream.
    expect(
      events.some(
        (e) => (e.data.payload as { service?: { is_public?: boolean } } | undefined)?.service?.is_public === false,
      ),
    ).toBe(true);
  });

  it('replays exactly the missed events after Last-Event-ID, and a resync snapshot outside the window', async () => {
    const svc = await createService(ctx.db, world.orgA.id);
    const from = await updateService(ctx.db, world.orgA.id, svc.id, { status: 'partial_outage' });
    const a = await updateService(ctx.db, world.orgA.id, svc.id, { status: 'operational' });
    const b = await updateService(ctx.db, world.orgA.id, svc.id, { isPublic: false });
    const token = await userToken(world.users.memberA);
    const resumed = await connect(world.orgA.id, token, { 'Last-Event-ID': String(from) });
    expect((await resumed.until((e) => e.length === 2)).map((e) => [e.id, e.event])).toEqual([
      [String(a), 'service.status_changed'],
      [String(b), 'service.updated'],
    ]);
    const ahead = await connect(world.orgA.id, token, { 'Last-Event-ID': String(b + 1000) });
    expect((await ahead.until((e) => e.length === 1))[0]).toMatchObject({
      event: 'snapshot',
      id: String(b),
      data: { seq: b, resync: true },
    });
  });

  it('gives admins invitation and API key events in full, and others only their id and type', async () => {
    const admin = await connect(world.orgA.id, await userToken(world.users.adminA));
    const member = await connect(world.orgA.id, await userToken(world.users.memberA));
    await Promise.all([admin.until((e) => e.length === 1), member.until((e) => e.length === 1)]);
    const secretish = { email: 'invitee@example.test', role: 'viewer' };
    const invited = await asSystem(ctx.db, 'test', (tx) =>
      appendEvent(tx, world.orgA.id, 'invitation.created', secretish),
    );
    const svc = await createService(ctx.db, world.orgA.id);
    const isInvite = (e: SseEvent) => e.event === 'invitation.created';
    const sawService = (events: SseEvent[]) =>
      events.some((e) => e.event === 'service.created' && JSON.stringify(e.data).includes(svc.id));
    const [full] = (await admin.until(sawService)).filter(isInvite);
    const memberEvents = await member.until(sawService);
    expect(full).toMatchObject({ id: String(invited.seq), data: { payload: secretish } });
    expect(memberEvents.filter(isInvite)).toEqual([
      expect.objectContaining({ id: String(invited.seq), data: expect.objectContaining({ redacted: true }) }),
    ]);
    expect(JSON.stringify(memberEvents)).not.toContain('invitee@example.test');
    // Replay follows the same rule.
    const resumed = await connect(world.orgA.id, await userToken(world.users.viewerA), {
      'Last-Event-ID': String(invited.seq - 1),
    });
    const replayed = await resumed.until((e) => e.some(isInvite));
    expect(JSON.stringify(replayed)).not.toContain('invitee@example.test');
  });

  it('closes when the member is removed, at once on the event and on the heartbeat re-check without one', async () => {
    const memberA = world.users.memberA;
    const reader = await connect(world.orgA.id, await userToken(memberA));
    await reader.until((e) => e.length === 1);
    await asSystem(ctx.db, 'test', async (tx) => {
      await tx.query('delete from public.organization_members where org_id = $1 and user_id = $2', [
        world.orgA.id,
        memberA.id,
      ]);
      await appendEvent(tx, world.orgA.id, 'member.removed', { user_id: memberA.id });
    });
    await reader.ended;
    // The removal event itself is not delivered: access ends before or with it.
    expect(reader.events.filter((e) => e.event === 'member.removed').length).toBeLessThanOrEqual(1);

    const viewer = world.users.viewerA;
    const quiet = await connect(world.orgA.id, await userToken(viewer));
    await quiet.until((e) => e.length === 1);
    await ctx.db.query('delete from public.organization_members where org_id = $1 and user_id = $2', [
      world.orgA.id,
      viewer.id,
    ]);
    await quiet.ended; // no event at all: the heartbeat's re-check ends it
  });

  it('closes when the access token expires, not before', async () => {
    // 4 s left (the tokens live 900 s): room to connect on a busy machine before it runs out.
    const issuedAt = Date.now() - 896_000;
    const expiresAt = Math.floor(issuedAt / 1000) * 1000 + 900_000;
    const short = await ctx.tokens.sign(world.users.adminA.id, world.users.adminA.email, new Date(issuedAt));
    const reader = await connect(world.orgA.id, short);
    await reader.until((e) => e.length === 1);
    await reader.ended;
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 1_000);
    expect(Date.now() - expiresAt).toBeLessThan(5_000);
  });
});
