import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createApiKey, createService, createTenantWorld, type TenantWorld } from '../../test/fixtures.ts';
import { call, statusesOf } from '../routes/incidents/test-kit.ts';
import { defaultAlertmanagerSettings } from './settings.ts';
import { firing, webhook } from './test-kit.ts';

describe('Alertmanager receiver settings', () => {
  let t: TestContext;
  let world: TenantWorld;
  let admin: string;
  let key: string;
  let url: string;
  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    admin = await t.tokens.sign(world.users.adminA.id, world.users.adminA.email);
    key = (await createApiKey(t.db, world.orgA.id, ['alerts:write'])).secret;
    url = `/api/organizations/${world.orgA.id}/integrations/alertmanager/settings`;
  });
  afterAll(() => t.close());

  it.each([
    ['a label name that is not a Prometheus label name', { service_label: 'app-name' }],
    ['a status the mapping cannot hold', { severity_map: { critical: 'operational' } }],
    ['severity none in the mapping (Watchdogs never hold)', { severity_map: { none: 'major_outage' } }],
    ['a timeout under a minute', { hold_timeout_seconds: 5 }],
    ['a field it does not know', { open_incident: false }],
    ['an unknown-severity status of operational', { unknown_severity_status: 'operational' }],
  ])('refuses %s with 400', async (_, body) => {
    const res = await call(t, 'PUT', url, admin, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('answers the defaults until changed, then applies the changed labels and mapping', async () => {
    expect((await call(t, 'GET', url, admin)).body.data).toEqual(defaultAlertmanagerSettings);
    const put = await call(t, 'PUT', url, admin, {
      service_label: 'component',
      severity_map: { p1: 'major_outage', p2: 'partial_outage' },
      open_incidents: false,
    });
    expect(put.status).toBe(200);
    expect(put.body.data).toEqual({
      ...defaultAlertmanagerSettings,
      service_label: 'component',
      severity_map: { p1: 'major_outage', p2: 'partial_outage' },
      open_incidents: false,
    });
    expect((await call(t, 'GET', url, admin)).body.data).toEqual(put.body.data);

    const s = await createService(t.db, world.orgA.id);
    const res = await call(
      t,
      'POST',
      `/api/organizations/${world.orgA.id}/integrations/alertmanager`,
      key,
      webhook([firing({ component: s.slug, severity: 'p2' }, '2030-01-01T10:00:00Z')]),
    );
    expect(res.body.data).toMatchObject({ alerts: [{ outcome: 'held', status: 'partial_outage' }], incident_ids: [] });
    expect(await statusesOf(t.db, [s.id])).toEqual({ [s.id]: 'partial_outage' });
  });

  it('is for admins: members and alert keys cannot read or change it', async () => {
    const member = await t.tokens.sign(world.users.memberA.id, world.users.memberA.email);
    expect((await call(t, 'GET', url, member)).status).toBe(403);
    expect((await call(t, 'GET', url, key)).status).toBe(403);
    expect((await call(t, 'PUT', url, key, { open_incidents: true })).status).toBe(403);
  });
});
