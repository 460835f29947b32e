import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createService, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { call, eventsOf, statusesOf } from './test-kit.ts';

describe('incident timeline, deletion and script writes', () => {
  let t: TestContext;
  let world: TenantWorld;
  let member: string;
  let base: string;

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    member = await t.tokens.sign(world.users.memberA.id, world.users.memberA.email);
    base = `/api/organizations/${world.orgA.id}/incidents`;
  });
  afterAll(() => t.close());

  const tick = () => t.clock.advance(1000);

  it('refuses a started_at in year 0001 (it used to be stored as 2001) and nothing is written', async () => {
    const before = await call(t, 'GET', base, member);
    const res = await call(t, 'POST', base, member, { title: 'Ancient', started_at: '0001-01-01T00:00:00Z' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect((await call(t, 'GET', base, member)).body.data).toEqual(before.body.data);
  });

  it('edits and deletes timeline entries without moving the status', async () => {
    const opened = await call(t, 'POST', base, member, { title: 'Typos', message: 'Frist post' });
    const id = opened.body.data.id;
    tick();
    const posted = await call(t, 'POST', `${base}/${id}/updates`, member, {
      status: 'monitoring',
      message: 'Watching',
    });
    const [latest, first] = posted.body.data.updates;
    tick();
    const edited = await call(t, 'PUT', `${base}/${id}/updates/${first.id}`, member, { message: 'First post' });
    expect(edited.status).toBe(200);
    expect(edited.body.data.updates[1]).toMatchObject({ id: first.id, status: 'investigating', message: 'First post' });
    expect(edited.body.data.status).toBe('monitoring');
    expect((await call(t, 'DELETE', `${base}/${id}/updates/${latest.id}`, member)).status).toBe(204);
    const got = await call(t, 'GET', `${base}/${id}`, member);
    expect(got.body.data.updates.map((u: { id: string }) => u.id)).toEqual([first.id]);
    expect(got.body.data.status).toBe('monitoring');
    expect((await call(t, 'DELETE', `${base}/${id}/updates/${latest.id}`, member)).status).toBe(404);
    const types = (await eventsOf(t.db, world.orgA.id, 'incident_update.')).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['incident_update.updated', 'incident_update.deleted']);
  });

  it('deletes an incident (admin), releasing its holds', async () => {
    const admin = await t.tokens.sign(world.users.adminA.id, world.users.adminA.email);
    const svc = await createService(t.db, world.orgA.id);
    const opened = await call(t, 'POST', base, member, {
      title: 'Oops',
      services: [{ service_id: svc.id, status: 'major_outage' }],
      message: 'm',
    });
    const id = opened.body.data.id;
    expect((await call(t, 'DELETE', `${base}/${id}`, member)).status).toBe(403);
    expect((await call(t, 'DELETE', `${base}/${id}`, admin)).status).toBe(204);
    expect(await statusesOf(t.db, [svc.id])).toEqual({ [svc.id]: 'operational' });
    expect((await call(t, 'GET', `${base}/${id}`, admin)).status).toBe(404);
    expect((await eventsOf(t.db, world.orgA.id, 'incident.deleted')).at(-1)!.payload.incident.id).toBe(id);
  });

  it('names the API key as the author of what a script writes', async () => {
    const key = await createApiKey(t.db, world.orgA.id, ['incidents:write']);
    const opened = await call(t, 'POST', base, key.secret, { title: 'From a script', message: 'Automated' });
    expect(opened.status).toBe(201);
    expect(opened.body.data).toMatchObject({ created_by: null, updates: [{ author_id: null, author_key_id: key.id }] });
  });

  it('opens one incident for a script that retries with the same Idempotency-Key', async () => {
    const key = await createApiKey(t.db, world.orgA.id, ['incidents:write']);
    const body = { title: 'Retried', message: 'Once' };
    const headers = { 'Idempotency-Key': 'incident-retry-1' };
    const first = await call(t, 'POST', base, key.secret, body, headers);
    const again = await call(t, 'POST', base, key.secret, body, headers);
    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    const rows = await t.db.query(`select id from public.incidents where org_id = $1 and title = 'Retried'`, [
      world.orgA.id,
    ]);
    expect(rows).toHaveLength(1);
  });
});
