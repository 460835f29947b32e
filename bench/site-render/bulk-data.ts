import type { Database } from '../../api/src/db/types.ts';

/**
 * The prebuild benchmark's data, made in SQL: `orgs` orgs × 20 public services (two groups) with a
 * status change every ~9 days over 90 days each, and 5 resolved incidents of the last 80 days (two
 * updates, two services each). Every org then renders the same page mix: index, one history page
 * (3 months), 5 incident pages, feeds, badges and JSON.
 */
export async function seedBulk(db: Database, orgs: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into public.organizations (slug, name, time_zone, created_at)
       select 'bench-' || lpad(i::text, 5, '0'), 'Bench Org ' || i,
              (array['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'])[1 + i % 4], now() - interval '120 days'
       from generate_series(1, $1::int) i`,
      [orgs],
    );
    await tx.query(
      `insert into public.service_groups (org_id, name, position)
       select o.id, g.name, g.position from public.organizations o
       cross join (values ('Core', 1), ('Edge', 2)) g(name, position) where o.slug like 'bench-%'`,
    );
    await tx.query(
      `insert into public.services (org_id, slug, name, description, group_id, position, is_public, manual_status, status, created_at)
       select o.id, 'svc-' || j, 'Service ' || j, 'What service ' || j || ' does',
              (select g.id from public.service_groups g where g.org_id = o.id and g.position = 1 + j % 2),
              j, true, 'operational', 'operational', now() - interval '120 days'
       from public.organizations o cross join generate_series(1, 20) j where o.slug like 'bench-%'`,
    );
    // Ten changes per service: out every other step, back to operational in between.
    await tx.query(
      `insert into public.service_status_history (org_id, service_id, status, previous_status, source, created_at)
       select s.org_id, s.id,
              case when k % 2 = 1 then (array['degraded_performance', 'partial_outage', 'major_outage'])[1 + (k + s.position) % 3] else 'operational' end,
              case when k % 2 = 0 then (array['degraded_performance', 'partial_outage', 'major_outage'])[1 + (k - 1 + s.position) % 3] else 'operational' end,
              'manual', now() - make_interval(days => 90 - k * 9, hours => s.position)
       from public.services s join public.organizations o on o.id = s.org_id
       cross join generate_series(1, 10) k where o.slug like 'bench-%'`,
    );
    await tx.query(
      `insert into public.incidents (org_id, title, status, impact, started_at, resolved_at, created_at, updated_at)
       select o.id, 'Incident ' || k || ' of ' || o.name, 'resolved', (array['minor', 'major', 'critical'])[1 + k % 3],
              now() - make_interval(days => k * 15), now() - make_interval(days => k * 15) + interval '2 hours',
              now() - make_interval(days => k * 15), now() - make_interval(days => k * 15) + interval '2 hours'
       from public.organizations o cross join generate_series(1, 5) k where o.slug like 'bench-%'`,
    );
    await tx.query(
      `insert into public.incident_updates (org_id, incident_id, status, message, created_at, updated_at)
       select i.org_id, i.id, u.status, u.message, i.started_at + u.after, i.started_at + u.after
       from public.incidents i join public.organizations o on o.id = i.org_id
       cross join (values ('investigating', 'We are looking into elevated errors.', interval '0'),
                          ('resolved', 'The fix is deployed and errors are back to normal.', interval '2 hours')) u(status, message, after)
       where o.slug like 'bench-%'`,
    );
    await tx.query(
      `insert into public.incident_services (org_id, incident_id, service_id, status)
       select i.org_id, i.id, s.id, 'partial_outage'
       from public.incidents i join public.organizations o on o.id = i.org_id
       join public.services s on s.org_id = i.org_id and s.position in (1, 2)
       where o.slug like 'bench-%'`,
    );
  });
}
