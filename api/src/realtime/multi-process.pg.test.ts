import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createTenantWorld, type TenantWorld } from '../../test/fixtures.ts';
import {
  createService,
  eventually,
  openSse,
  serveApp,
  updateService,
  type SseEvent,
  type SseReader,
} from '../../test/streams.ts';
import { spawnApiProcess, type ApiProcess } from '../../test/stream-process.ts';

// Fan-out across processes goes through the PostgreSQL server's LISTEN/NOTIFY: PGlite is one process.
describe('realtime across API processes (PostgreSQL)', () => {
  let ctx: TestContext;
  let world: TenantWorld;
  const processes: ApiProcess[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    world = await createTenantWorld(ctx.db);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
    await ctx.close();
  });

  it('a client on B receives every change written through A in order, across a restart of B, under 8 writers', async () => {
    const services = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createService(ctx.db, world.orgA.id, { isPublic: i !== 7 })),
    );
    const a = await spawnApiProcess(ctx.url!);
    let b = await spawnApiProcess(ctx.url!);
    processes.push(a, b);
    const token = await ctx.tokens.sign(world.users.memberA.id, world.users.memberA.email);
    const orgEvents: SseEvent[] = [];
    const publicEvents: SseEvent[] = [];
    const open = async (base: string) => {
      const lastOrg = orgEvents.at(-1)?.id;
      const lastPublic = publicEvents.filter((e) => e.id).at(-1)?.id;
      const org = await openSse(`${base}/api/organizations/${world.orgA.id}/stream`, {
        Authorization: `Bearer ${token}`,
        ...(lastOrg ? { 'Last-Event-ID': lastOrg } : {}),
      });
      const pub = await openSse(
        `${base}/api/public/status/${world.orgA.slug}/stream`,
        lastPublic ? { 'Last-Event-ID': lastPublic } : {},
      );
      return { org, pub };
    };
    const drain = (reader: SseReader, into: SseEvent[]) => {
      const from = into.length;
      return () => {
        into.splice(from, into.length - from, ...reader.events);
      };
    };
    let streams = await open(b.url);
    let syncOrg = drain(streams.org, orgEvents);
    let syncPub = drain(streams.pub, publicEvents);
    await streams.org.until((e) => e.length === 1);
    await streams.pub.until((e) => e.length === 1);
    syncOrg();
    syncPub();
    const start = Number(orgEvents[0]!.id);

    let written = 0;
    const writers = services.map(async (svc, w) => {
      for (let round = 0; round < 12; round++) {
        const response = await fetch(`${a.url}/api/organizations/${world.orgA.id}/services/${svc.id}/status`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ status: round % 2 === 0 ? 'major_outage' : 'operational' }),
        });
        expect(response.status, `writer ${w} round ${round}`).toBe(200);
        written++;
      }
    });
    // Restart B while the writers run: the client resumes from its last id on the new process.
    await eventually(() => written >= 30, 30_000, 'writes before the restart');
    syncOrg();
    syncPub();
    await b.kill('SIGKILL');
    await Promise.all([streams.org.ended, streams.pub.ended]);
    syncOrg();
    syncPub();
    b = await spawnApiProcess(ctx.url!);
    processes.push(b);
    streams = await open(b.url);
    syncOrg = drain(streams.org, orgEvents);
    syncPub = drain(streams.pub, publicEvents);
    await Promise.all(writers);

    const [{ seq: final } = { seq: 0 }] = await ctx.db.query<{ seq: number }>(
      'select last_event_seq as seq from public.organizations where id = $1',
      [world.orgA.id],
    );
    await eventually(
      () => (syncOrg(), Number(orgEvents.at(-1)?.id) === Number(final)),
      30_000,
      'the org stream to reach the last seq',
    );
    const orgIds = orgEvents.slice(1).map((e) => Number(e.id));
    expect(orgIds).toEqual(Array.from({ length: Number(final) - start }, (_, i) => start + 1 + i));
    expect(orgEvents.slice(1).filter((e) => e.event === 'service.status_changed')).toHaveLength(8 * 12);

    const expected = (
      await ctx.db.query<{ seq: number }>(
        'select seq from public.public_stream_events where org_id = $1 and seq > $2 order by seq',
        [world.orgA.id, start],
      )
    ).map((row) => Number(row.seq));
    await eventually(
      () => (syncPub(), Number(publicEvents.at(-1)?.id) === expected.at(-1)),
      30_000,
      'the public stream to reach the last change',
    );
    expect(publicEvents.slice(1).map((e) => Number(e.id))).toEqual(expected);
    expect(expected).toHaveLength(7 * 12); // the private service's changes are not public
    expect(JSON.stringify(publicEvents)).not.toContain(services[7]!.id);
    streams.org.close();
    streams.pub.close();
  });

  it('catches up after its LISTEN connection is killed (a database restart, as the reader sees it)', async () => {
    const server = await serveApp(ctx.app);
    const svc = await createService(ctx.db, world.orgB.id);
    const reader = await openSse(`${server.url}/api/public/status/${world.orgB.slug}/stream`);
    await reader.until((e) => e.length === 1);
    const reconnects = ctx.deps.realtime!.stats().reconnects;
    await ctx.db.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()`,
    );
    const seqs: number[] = [];
    for (const status of ['major_outage', 'operational', 'partial_outage', 'operational'])
      seqs.push(await updateService(ctx.db, world.orgB.id, svc.id, { status }));
    const events = await reader.until((e) => e.length === 1 + seqs.length, 20_000);
    expect(events.slice(1).map((e) => Number(e.id))).toEqual(seqs);
    expect(ctx.deps.realtime!.stats().reconnects).toBeGreaterThan(reconnects);
    reader.close();
    await server.close();
  });
});
