import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.ts';
import { demoAdmin, seedDemo } from '../../api/src/db/seed.ts';
import { asAnon, withUser } from '../../api/src/db/doors.ts';

interface HistoryRow {
  service_id: string;
  status: string;
  previous_status: string | null;
  created_at: Date;
}

describe('demo seed', () => {
  let t: TestDatabase;
  let orgId: string;
  let seeded: boolean;
  beforeAll(async () => {
    t = await createTestDatabase();
    seeded = await seedDemo(t.db);
    const [org] = await t.db.query<{ id: string }>(`select id from public.organizations where slug = 'demo'`);
    orgId = org!.id;
  });
  afterAll(() => t.close());

  it('loads into a fresh migrated database, and is a no-op the second time', async () => {
    expect(seeded).toBe(true);
    expect(await seedDemo(t.db)).toBe(false);
    const [counts] = await t.db.query<{ orgs: number; users: number; events: number }>(
      `select (select count(*)::int from public.organizations) as orgs,
              (select count(*)::int from auth.users) as users,
              (select count(*)::int from public.status_events) as events`,
    );
    expect(counts).toEqual({ orgs: 1, users: 3, events: 1 });
  });

  it('creates the demo org with its logo and an organization.created event', async () => {
    const [org] = await t.db.query<Record<string, unknown>>(
      `select o.name, o.time_zone, o.brand_color, o.last_event_seq::int as seq, l.content_type, octet_length(l.bytes) as bytes
       from public.organizations o join public.organization_logos l on l.org_id = o.id where o.id = $1`,
      [orgId],
    );
    expect(org).toMatchObject({ name: 'Demo Cloud', time_zone: 'Europe/Berlin', seq: 1, content_type: 'image/png' });
    expect(org!.bytes).toBeGreaterThan(100);
    const events = await t.db.query<{ seq: string; type: string }>(
      `select seq::text, type from public.status_events where org_id = $1`,
      [orgId],
    );
    expect(events).toEqual([{ seq: '1', type: 'organization.created' }]);
  });

  it('gives the demo admin a confirmed account with the documented password', async () => {
    const [user] = await t.db.query<{ id: string; encrypted_password: string; confirmed: boolean; role: string }>(
      `select u.id, u.encrypted_password, u.email_confirmed_at is not null as confirmed, m.role
       from auth.users u join public.organization_members m on m.user_id = u.id
       where u.email = $1 and m.org_id = $2`,
      [demoAdmin.email, orgId],
    );
    expect(user).toMatchObject({ confirmed: true, role: 'admin' });
    expect(user!.encrypted_password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verify(user!.encrypted_password, demoAdmin.password)).toBe(true);
    const roles = await t.db.query<{ role: string }>(
      'select role from public.organization_members where org_id = $1 order by role',
      [orgId],
    );
    expect(roles.map((r) => r.role)).toEqual(['admin', 'member', 'viewer']);
  });

  it('has 8 services in 2 groups, one of them private, readable by the admin through RLS', async () => {
    const [admin] = await t.db.query<{ id: string }>('select id from auth.users where email = $1', [demoAdmin.email]);
    const { groups, services } = await withUser(t.db, { userId: admin!.id }, async (tx) => ({
      groups: await tx.query<{ name: string; position: number }>(
        'select name, position from public.service_groups order by position',
      ),
      services: await tx.query<{ group_id: string | null; is_public: boolean }>(
        'select group_id, is_public from public.services',
      ),
    }));
    expect(groups.map((g) => g.position)).toEqual([0, 1]);
    expect(services).toHaveLength(8);
    expect(services.every((s) => s.group_id !== null)).toBe(true);
    expect(services.filter((s) => !s.is_public)).toHaveLength(1);
  });

  it('has 90 days of history whose replay ends at each service’s current status', async () => {
    const rows = await t.db.query<HistoryRow>(
      `select service_id, status, previous_status, created_at from public.service_status_history
       where org_id = $1 order by service_id, created_at`,
      [orgId],
    );
    const services = await t.db.query<{ id: string; status: string }>(
      'select id, status from public.services where org_id = $1',
      [orgId],
    );
    const spanDays = (Date.now() - Math.min(...rows.map((r) => new Date(r.created_at).getTime()))) / 86_400_000;
    expect(spanDays).toBeGreaterThanOrEqual(89);
    expect(rows.some((r) => r.status === 'major_outage')).toBe(true);
    expect(rows.some((r) => r.status === 'partial_outage')).toBe(true);
    expect(rows.some((r) => r.status === 'under_maintenance')).toBe(true);
    for (const service of services) {
      let current: string | null = null;
      for (const row of rows.filter((r) => r.service_id === service.id)) {
        expect(row.previous_status).toBe(current);
        current = row.status;
      }
      expect(current).toBe(service.status);
    }
  });

  it('has one resolved and one open incident; the open one holds its service', async () => {
    const incidents = await t.db.query<{ id: string; status: string; updates: number }>(
      `select i.id, i.status, (select count(*)::int from public.incident_updates u where u.incident_id = i.id) as updates
       from public.incidents i where org_id = $1 order by started_at`,
      [orgId],
    );
    expect(incidents.map((i) => i.status)).toEqual(['resolved', 'identified']);
    expect(incidents[0]!.updates).toBeGreaterThanOrEqual(3);
    const held = await t.db.query<{ status: string; manual_status: string; hold: string }>(
      `select s.status, s.manual_status, x.status as hold from public.incident_services x
       join public.services s on s.id = x.service_id where x.incident_id = $1`,
      [incidents[1]!.id],
    );
    expect(held.length).toBeGreaterThanOrEqual(1);
    for (const row of held) expect(row).toEqual({ status: row.hold, manual_status: 'operational', hold: row.hold });
  });

  it('has a completed and a future scheduled maintenance, shown on the public page', async () => {
    const maintenances = await t.db.query<{ status: string; future: boolean; services: number; updates: number }>(
      `select m.status, m.starts_at > now() as future,
         (select count(*)::int from public.maintenance_services x where x.maintenance_id = m.id) as services,
         (select count(*)::int from public.maintenance_updates u where u.maintenance_id = m.id) as updates
       from public.maintenances m where org_id = $1 order by starts_at`,
      [orgId],
    );
    expect(maintenances.map((m) => [m.status, m.future])).toEqual([
      ['completed', false],
      ['scheduled', true],
    ]);
    expect(maintenances.every((m) => m.services > 0 && m.updates > 0)).toBe(true);

    const [page] = await asAnon(t.db, (tx) =>
      tx.query<{ status: Record<string, unknown[]> & { organization: { has_logo: boolean } } }>(
        `select public.get_public_status('demo') as status`,
      ),
    );
    expect(page!.status.services).toHaveLength(7);
    expect(page!.status.organization.has_logo).toBe(true);
    expect(page!.status.incidents).toHaveLength(2);
    expect(page!.status.maintenances).toHaveLength(2);
  });
});
