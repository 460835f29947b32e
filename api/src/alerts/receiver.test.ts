import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createApiKey, createService, createTenantWorld, type TenantWorld } from '../../test/fixtures.ts';
import { call, eventsOf, historyOf, statusesOf } from '../routes/incidents/test-kit.ts';
import { firing, resolved, webhook } from './test-kit.ts';

const t0 = '2030-01-01T10:00:00Z';
const t1 = '2030-01-01T10:05:00Z';
const t2 = '2030-01-01T10:10:00Z';

describe('Alertmanager receiver', () => {
  let t: TestContext;
  let world: TenantWorld;
  let key: string;
  let keyId: string;
  let admin: string;
  let url: string;
  const post = (body: unknown, auth = key, path = url) => call(t, 'POST', path, auth, body);
  const service = async (fields: { manual_status?: string } = {}) => createService(t.db, world.orgA.id, fields);

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    const created = await createApiKey(t.db, world.orgA.id, ['alerts:write'], 'alertmanager');
    key = created.secret;
    keyId = created.id;
    admin = await t.tokens.sign(world.users.adminA.id, world.users.adminA.email);
    url = `/api/organizations/${world.orgA.id}/integrations/alertmanager`;
  });
  afterAll(() => t.close());

  // One firing alert per case: the labels it carries → the status its service shows.
  it.each([
    ['critical severity', { severity: 'critical' }, 'major_outage'],
    ['warning severity', { severity: 'warning' }, 'partial_outage'],
    ['info severity', { severity: 'info' }, 'degraded_performance'],
    ['an unmapped severity', { severity: 'page' }, 'degraded_performance'],
    ['no severity', {}, 'degraded_performance'],
    ['a status label, which wins over severity', { severity: 'info', status: 'major_outage' }, 'major_outage'],
    ['a status label naming no status (severity used)', { severity: 'warning', status: 'down' }, 'partial_outage'],
  ])('maps %s', async (_, labels, expected) => {
    const s = await service();
    const res = await post(webhook([firing({ service: s.slug, ...labels }, t0)]));
    expect(res.status).toBe(200);
    expect(res.body.data.alerts).toEqual([
      expect.objectContaining({ outcome: 'held', service: s.slug, status: expected }),
    ]);
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: expected });
    expect(await historyOf(t.db, s.id)).toEqual([
      expect.objectContaining({ status: expected, previous_status: 'operational', source: 'alert' }),
    ]);
  });

  it.each([
    ['without the service label', (slug: string) => ({ severity: 'critical', team: slug }), 'no_service_label'],
    ['Watchdog (severity none)', (slug: string) => ({ service: slug, severity: 'none' }), 'watchdog'],
    ['a status label saying operational', (slug: string) => ({ service: slug, status: 'operational' }), 'operational'],
    ['for an unknown service', () => ({ service: 'no-such-service', severity: 'critical' }), 'unknown_service'],
  ] as const)('reports an alert %s with a 200 and changes nothing', async (_, labels, reason) => {
    const s = await service();
    const counted = async () =>
      (await t.deps.metrics.register.getSingleMetric('lantern_alerts_ignored_total')!.get()).values.find(
        (v) => v.labels.reason === reason,
      )?.value ?? 0;
    const countedBefore = await counted();
    const before = await eventsOf(t.db, world.orgA.id, '');
    const res = await post(webhook([firing(labels(s.slug), t0)]));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ alerts: [{ outcome: 'ignored', reason }], ignored: { [reason]: 1 } });
    if (reason === 'unknown_service') expect(res.body.data.unknown_services).toEqual(['no-such-service']);
    expect((await counted()) - countedBefore).toBe(1);
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'operational' });
    expect(await eventsOf(t.db, world.orgA.id, '')).toEqual(before);
  });

  it('changes nothing twice: a repeated group and a resolve for an alert never seen are no-ops', async () => {
    const s = await service();
    const alert = firing({ service: s.slug, severity: 'critical' }, t0);
    await post(webhook([alert]));
    const events = await eventsOf(t.db, world.orgA.id, '');
    const again = await post(webhook([alert]));
    expect(again.body.data.alerts).toEqual([expect.objectContaining({ outcome: 'refreshed' })]);
    expect(again.body.data.status_changes).toEqual([]);
    expect(await eventsOf(t.db, world.orgA.id, '')).toEqual(events);
    expect(await historyOf(t.db, s.id)).toHaveLength(1);

    const other = await service();
    const unseen = await post(webhook([resolved(firing({ service: other.slug }, t0), t1)]));
    expect(unseen.body.data.alerts).toEqual([expect.objectContaining({ outcome: 'unseen' })]);
    expect(await historyOf(t.db, other.id)).toEqual([]);
    expect(await eventsOf(t.db, world.orgA.id, '')).toEqual(events);
  });

  it('ends a group that arrives out of order in the right state', async () => {
    const s = await service();
    const a = firing({ service: s.slug, severity: 'critical' }, t0);
    const b = firing({ service: s.slug, severity: 'warning', instance: 'b' }, t0);
    // The resolve of `a` overtakes its firing notification; `b` fires later and keeps holding.
    expect((await post(webhook([resolved(a, t1)]))).body.data.alerts[0].outcome).toBe('unseen');
    expect((await post(webhook([a, b]))).body.data.alerts.map((r: { outcome: string }) => r.outcome)).toEqual([
      'stale',
      'held',
    ]);
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'partial_outage' });
    // A new instance of `a` (later startsAt) fires; then an old retried firing copy of `b` and its resolve.
    await post(webhook([firing({ service: s.slug, severity: 'critical' }, t2)]));
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'major_outage' });
    await post(webhook([resolved(b, t1)]));
    expect((await post(webhook([b]))).body.data.alerts[0].outcome).toBe('stale');
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'major_outage' });
    // The resolve of the old instance of `a` arrives last: the newer instance still holds.
    expect((await post(webhook([resolved(a, t1)]))).body.data.alerts[0].outcome).toBe('stale');
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'major_outage' });
    await post(webhook([resolved(firing({ service: s.slug, severity: 'critical' }, t2), '2030-01-01T10:20:00Z')]));
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'operational' });
  });

  it('shows the worst hold, keeps a manual status, and returns to it when the last alert resolves', async () => {
    const s = await service({ manual_status: 'degraded_performance' });
    const warn = firing({ service: s.slug, severity: 'warning' }, t0);
    const crit = firing({ service: s.slug, severity: 'critical', instance: 'x' }, t0);
    await post(webhook([warn]));
    await post(webhook([warn, crit]));
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'major_outage' });
    await post(webhook([warn, resolved(crit, t1)]));
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'partial_outage' });
    await post(webhook([resolved(warn, t1)]));
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'degraded_performance' });
    expect((await historyOf(t.db, s.id)).map((h) => [h.status, h.source])).toEqual([
      ['partial_outage', 'alert'],
      ['major_outage', 'alert'],
      ['partial_outage', 'alert'],
      ['degraded_performance', 'alert'],
    ]);
    // A person's status while an alert holds: the worse one shows; the alert's end leaves the person's.
    const setManual = (status: string) =>
      call(t, 'POST', `/api/organizations/${world.orgA.id}/services/${s.id}/status`, admin, { status });
    await post(webhook([firing({ service: s.slug, severity: 'warning' }, t2)]));
    expect((await setManual('major_outage')).body.data.status).toBe('major_outage');
    expect((await setManual('operational')).body.data.status).toBe('partial_outage');
    await post(webhook([resolved(firing({ service: s.slug, severity: 'warning' }, t2), '2030-01-01T10:20:00Z')]));
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'operational' });
  });

  it('opens one incident per service while alerts hold it, updates its timeline, resolves it with the last alert', async () => {
    const s = await service();
    const a = firing({ service: s.slug, severity: 'warning' }, t0, { summary: 'Checkout errors above 5%' });
    const b = firing({ service: s.slug, severity: 'critical', instance: 'b' }, t0, { summary: 'Checkout down' });
    const first = await post(webhook([a]));
    const [incidentId] = first.body.data.incident_ids;
    expect(incidentId).toBeDefined();
    const get = async () =>
      (await call(t, 'GET', `/api/organizations/${world.orgA.id}/incidents/${incidentId}`, admin)).body.data;
    expect(await get()).toMatchObject({
      title: 'Checkout errors above 5%',
      status: 'investigating',
      impact: 'major',
      services: [{ service_id: s.id, status: 'partial_outage' }],
      updates: [{ status: 'investigating', author_key_id: keyId, author_id: null }],
    });
    await post(webhook([a])); // a repeat: no new entry
    expect((await post(webhook([a, b]))).body.data.incident_ids).toEqual([incidentId]);
    expect(await get()).toMatchObject({ impact: 'critical', services: [{ status: 'major_outage' }] });
    await post(webhook([resolved(a, t1), b]));
    const third = await get();
    expect(third.status).toBe('investigating');
    expect(third.updates.map((u: { message: string }) => u.message)).toEqual([
      'Resolved: TestAlert: Checkout errors above 5%',
      'Firing: TestAlert: Checkout down',
      'Firing: TestAlert: Checkout errors above 5%',
    ]);
    await post(webhook([resolved(b, t1)]));
    expect(await get()).toMatchObject({ status: 'resolved', updates: [{ status: 'resolved' }, {}, {}, {}] });
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'operational' });
    // Every write names the key: history, events.
    const actors = await t.db.query<{ actor: { type: string; id?: string } }>(
      `select distinct actor from public.status_events where org_id = $1 and payload::text like $2`,
      [world.orgA.id, `%${incidentId}%`],
    );
    expect(actors.map((r) => r.actor)).toEqual([expect.objectContaining({ type: 'api_key', id: keyId })]);
    const types = (await eventsOf(t.db, world.orgA.id, 'incident'))
      .filter((e) => e.payload.incident.id === incidentId)
      .map((e) => e.type);
    expect(types).toEqual([
      'incident.created',
      'incident_update.created',
      'incident_update.created',
      'incident_update.created',
      'incident.resolved',
    ]);
    // A later alert opens a new incident rather than reopening the resolved one.
    const again = await post(webhook([firing({ service: s.slug }, t2, { summary: 'Again' })]));
    expect(again.body.data.incident_ids).toHaveLength(1);
    expect(again.body.data.incident_ids[0]).not.toBe(incidentId);
  });

  it('refuses what is not a version 4 payload with the standard 400 body', async () => {
    const s = await service();
    const good = webhook([firing({ service: s.slug }, t0)]);
    for (const bad of [
      { ...good, version: '3' },
      { ...good, alerts: undefined },
      { ...good, alerts: [{ ...good.alerts[0], startsAt: 'yesterday' }] },
      { ...good, alerts: [{ ...good.alerts[0], status: 'pending' }] },
      'not json at all',
    ]) {
      const res = await post(bad);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', requestId: expect.any(String) });
    }
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'operational' });
  });

  it("refuses org A's key on org B, and keys without alerts:write", async () => {
    const other = await createService(t.db, world.orgB.id);
    const body = webhook([firing({ service: other.slug, severity: 'critical' }, t0)]);
    const res = await post(body, key, `/api/organizations/${world.orgB.id}/integrations/alertmanager`);
    expect(res.status).toBe(403);
    expect(await statusesOf(t.db, [other.id])).toEqual({ [other.id]: 'operational' });
    const statusKey = await createApiKey(t.db, world.orgA.id, ['status:write']);
    const s = await service();
    expect((await post(webhook([firing({ service: s.slug }, t0)]), statusKey.secret)).status).toBe(403);
    expect((await post(webhook([firing({ service: s.slug }, t0)]), admin)).status).toBe(403);
  });
});
