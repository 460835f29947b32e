-- =====================================================================================================
-- Demo data: the `demo` organization ("Demo Cloud"), its admin, member and viewer, 8 services in 2
-- groups, 90 days of status history, incidents and maintenances. Every time is relative to now(), so
-- the demo always looks fresh. api/src/db/seed.ts runs this file in one transaction on an empty
-- database and then stores database/seed/demo-logo.png as the org's logo.
--
-- Fixed ids keep the cross-references readable; the file only ever runs on a database without orgs.
-- History is consistent: replaying each service's rows in order (previous_status = the row before)
-- ends at services.status.
-- =====================================================================================================

-- -----------------------------------------------------------------------------------------------------
-- Organization and people (password of all three: lantern-demo, Argon2id m=19456 t=2 p=1)
-- -----------------------------------------------------------------------------------------------------

insert into public.organizations (id, slug, name, brand_color, time_zone, created_at, updated_at)
values ('de000000-0000-4000-8000-000000000001', 'demo', 'Demo Cloud', '#d97706', 'Europe/Berlin',
        now() - interval '90 days', now() - interval '90 days');

insert into auth.users (id, email, encrypted_password, email_confirmed_at, raw_user_meta_data, created_at, updated_at)
select id::uuid, email, '$argon2id$v=19$m=19456,t=2,p=1$6YCqHcEH4iScYnIz5a0zlg$yNMljpaqzKU2sPfnxTldISQoiqdNO1PubZUpy7FdWks',
       now() - interval '90 days', jsonb_build_object('display_name', display_name),
       now() - interval '90 days', now() - interval '90 days'
from (values
  ('de000000-0000-4000-8000-0000000000a1', 'admin@demo.test', 'Demo Admin'),
  ('de000000-0000-4000-8000-0000000000a2', 'member@demo.test', 'Demo Member'),
  ('de000000-0000-4000-8000-0000000000a3', 'viewer@demo.test', 'Demo Viewer')
) as u (id, email, display_name);

insert into public.organization_members (org_id, user_id, role, created_at) values
  ('de000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-0000000000a1', 'admin', now() - interval '90 days'),
  ('de000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-0000000000a2', 'member', now() - interval '60 days'),
  ('de000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-0000000000a3', 'viewer', now() - interval '30 days');

-- -----------------------------------------------------------------------------------------------------
-- Service groups and services
-- -----------------------------------------------------------------------------------------------------

insert into public.service_groups (id, org_id, name, position, created_at, updated_at) values
  ('de000000-0000-4000-8000-0000000000b1', 'de000000-0000-4000-8000-000000000001', 'Core platform', 0,
   now() - interval '90 days', now() - interval '90 days'),
  ('de000000-0000-4000-8000-0000000000b2', 'de000000-0000-4000-8000-000000000001', 'Delivery', 1,
   now() - interval '90 days', now() - interval '90 days');

insert into public.services (id, org_id, group_id, slug, name, description, position, is_public, created_at, updated_at)
select id::uuid, 'de000000-0000-4000-8000-000000000001', group_id::uuid, slug, name, description, position,
       is_public, now() - interval '90 days', now() - interval '90 days'
from (values
  ('de000000-0000-4000-8000-0000000000c1', 'de000000-0000-4000-8000-0000000000b1', 'api', 'API',
   'The public REST API at api.demo.test.', 0, true),
  ('de000000-0000-4000-8000-0000000000c2', 'de000000-0000-4000-8000-0000000000b1', 'dashboard', 'Dashboard',
   'The web console for managing your account.', 1, true),
  ('de000000-0000-4000-8000-0000000000c3', 'de000000-0000-4000-8000-0000000000b1', 'authentication', 'Authentication',
   'Sign-in, single sign-on and API tokens.', 2, true),
  ('de000000-0000-4000-8000-0000000000c4', 'de000000-0000-4000-8000-0000000000b1', 'database', 'Managed databases',
   'PostgreSQL clusters in every region.', 3, true),
  ('de000000-0000-4000-8000-0000000000c5', 'de000000-0000-4000-8000-0000000000b2', 'cdn', 'CDN',
   'Edge caching in 40 locations.', 0, true),
  ('de000000-0000-4000-8000-0000000000c6', 'de000000-0000-4000-8000-0000000000b2', 'object-storage', 'Object storage',
   'S3-compatible buckets.', 1, true),
  ('de000000-0000-4000-8000-0000000000c7', 'de000000-0000-4000-8000-0000000000b2', 'email', 'Email delivery',
   'Transactional email and notifications.', 2, true),
  ('de000000-0000-4000-8000-0000000000c8', 'de000000-0000-4000-8000-0000000000b2', 'build-runners', 'Build runners',
   'Internal CI runners (staff only).', 3, false)
) as s (id, group_id, slug, name, description, position, is_public);

-- -----------------------------------------------------------------------------------------------------
-- Incidents: one resolved 12 days ago, one open now (identified)
-- -----------------------------------------------------------------------------------------------------

insert into public.incidents (id, org_id, title, status, impact, started_at, resolved_at, created_by, created_at, updated_at) values
  ('de000000-0000-4000-8000-0000000000d1', 'de000000-0000-4000-8000-000000000001',
   'Elevated error rates on the API', 'resolved', 'major',
   now() - interval '12 days', now() - interval '12 days' + interval '130 minutes',
   'de000000-0000-4000-8000-0000000000a1', now() - interval '12 days', now() - interval '12 days' + interval '130 minutes'),
  ('de000000-0000-4000-8000-0000000000d2', 'de000000-0000-4000-8000-000000000001',
   'Delayed email delivery', 'identified', 'minor',
   now() - interval '45 minutes', null,
   'de000000-0000-4000-8000-0000000000a2', now() - interval '45 minutes', now() - interval '20 minutes');

insert into public.incident_services (org_id, incident_id, service_id, status) values
  ('de000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-0000000000d1',
   'de000000-0000-4000-8000-0000000000c1', 'partial_outage'),
  ('de000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-0000000000d1',
   'de000000-0000-4000-8000-0000000000c2', 'degraded_performance'),
  ('de000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-0000000000d2',
   'de000000-0000-4000-8000-0000000000c7', 'degraded_performance');

insert into public.incident_updates (org_id, incident_id, status, message, author_id, created_at, updated_at)
select 'de000000-0000-4000-8000-000000000001', incident_id::uuid, status, message, author_id::uuid, at, at
from (values
  ('de000000-0000-4000-8000-0000000000d1', 'investigating', now() - interval '12 days',
   'We are investigating elevated error rates on the API.', 'de000000-0000-4000-8000-0000000000a1'),
  ('de000000-0000-4000-8000-0000000000d1', 'identified', now() - interval '12 days' + interval '25 minutes',
   'A configuration rollout to the API gateway returns 502 for a share of requests; the dashboard is slow as a result. We are rolling it back.',
   'de000000-0000-4000-8000-0000000000a1'),
  ('de000000-0000-4000-8000-0000000000d1', 'monitoring', now() - interval '12 days' + interval '80 minutes',
   'The rollback is complete and error rates are back to normal. We are monitoring.', 'de000000-0000-4000-8000-0000000000a1'),
  ('de000000-0000-4000-8000-0000000000d1', 'resolved', now() - interval '12 days' + interval '130 minutes',
   'This incident has been resolved. We will publish a post-mortem this week.', 'de000000-0000-4000-8000-0000000000a1'),
  ('de000000-0000-4000-8000-0000000000d2', 'investigating', now() - interval '45 minutes',
   'Some notification emails arrive up to 30 minutes late. We are investigating.', 'de000000-0000-4000-8000-0000000000a2'),
  ('de000000-0000-4000-8000-0000000000d2', 'identified', now() - interval '20 minutes',
   'Our upstream mail provider has a backlog. We are working with them to drain the queue.',
   'de000000-0000-4000-8000-0000000000a2')
) as u (incident_id, status, at, message, author_id);

-- -----------------------------------------------------------------------------------------------------
-- Maintenances: one completed 9 days ago, one scheduled in 3 days
-- -----------------------------------------------------------------------------------------------------

insert into public.maintenances (id, org_id, title, description, status, starts_at, ends_at, created_by, created_at, updated_at) values
  ('de000000-0000-4000-8000-0000000000e1', 'de000000-0000-4000-8000-000000000001',
   'Database cluster upgrade', 'Upgrade of every managed database cluster to PostgreSQL 17.', 'completed',
   now() - interval '9 days', now() - interval '9 days' + interval '1 hour',
   'de000000-0000-4000-8000-0000000000a1', now() - interval '16 days', now() - interval '9 days' + interval '1 hour'),
  ('de000000-0000-4000-8000-0000000000e2', 'de000000-0000-4000-8000-000000000001',
   'Edge network hardware refresh', 'New edge servers in Frankfurt and Amsterdam. Short cache misses are expected.',
   'scheduled', date_trunc('hour', now()) + interval '3 days', date_trunc('hour', now()) + interval '3 days 2 hours',
   'de000000-0000-4000-8000-0000000000a1', now() - interval '1 day', now() - interval '1 day');

insert into public.maintenance_services (org_id, maintenance_id, service_id) values
  ('de000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-0000000000e1', 'de000000-0000-4000-8000-0000000000c4'),
  ('de000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-0000000000e2', 'de000000-0000-4000-8000-0000000000c5'),
  ('de000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-0000000000e2', 'de000000-0000-4000-8000-0000000000c6');

insert into public.maintenance_updates (org_id, maintenance_id, status, message, author_id, created_at)
select 'de000000-0000-4000-8000-000000000001', maintenance_id::uuid, status, message,
       'de000000-0000-4000-8000-0000000000a1'::uuid, at
from (values
  ('de000000-0000-4000-8000-0000000000e1', 'scheduled', now() - interval '16 days',
   'We will upgrade the database clusters to PostgreSQL 17. Expect brief read-only periods.'),
  ('de000000-0000-4000-8000-0000000000e1', 'in_progress', now() - interval '9 days',
   'The upgrade has started.'),
  ('de000000-0000-4000-8000-0000000000e1', 'completed', now() - interval '9 days' + interval '1 hour',
   'The upgrade is complete and every cluster runs PostgreSQL 17.'),
  ('de000000-0000-4000-8000-0000000000e2', 'scheduled', now() - interval '1 day',
   'We will replace edge servers in Frankfurt and Amsterdam.')
) as u (maintenance_id, status, at, message);

-- -----------------------------------------------------------------------------------------------------
-- 90 days of status history: a first row per service, then each spell's start and end
-- -----------------------------------------------------------------------------------------------------

insert into public.service_status_history (org_id, service_id, status, previous_status, source, actor, message, created_at)
select org_id, id, 'operational', null, 'manual',
       '{"type": "user", "id": "de000000-0000-4000-8000-0000000000a1"}'::jsonb, 'Service created', created_at
from public.services where org_id = 'de000000-0000-4000-8000-000000000001';

-- One spell per row: the service shows `status` from `starts_at` until `ends_at` (null: still now),
-- operational before and after. Spells of one service never overlap.
with spell (service_id, status, source, starts_at, ends_at, incident_id, maintenance_id, message) as (values
  ('de000000-0000-4000-8000-0000000000c1'::uuid, 'degraded_performance', 'alert', now() - interval '83 days',
   now() - interval '83 days' + interval '2 hours', null::uuid, null::uuid, 'ApiLatencyHigh: p99 latency above 800 ms'),
  ('de000000-0000-4000-8000-0000000000c4', 'major_outage', 'manual', now() - interval '71 days',
   now() - interval '71 days' + interval '35 minutes', null, null, 'Primary failover after a disk failure'),
  ('de000000-0000-4000-8000-0000000000c5', 'partial_outage', 'alert', now() - interval '58 days',
   now() - interval '58 days' + interval '90 minutes', null, null, 'CdnErrorRate: 5xx above 2% in Frankfurt'),
  ('de000000-0000-4000-8000-0000000000c7', 'degraded_performance', 'manual', now() - interval '44 days',
   now() - interval '44 days' + interval '3 hours', null, null, 'Outbound mail throttled by a provider'),
  ('de000000-0000-4000-8000-0000000000c8', 'major_outage', 'manual', now() - interval '30 days',
   now() - interval '30 days' + interval '4 hours', null, null, 'Runner pool lost after a failed kernel update'),
  ('de000000-0000-4000-8000-0000000000c4', 'under_maintenance', 'maintenance', now() - interval '9 days',
   now() - interval '9 days' + interval '1 hour', null, 'de000000-0000-4000-8000-0000000000e1', null),
  ('de000000-0000-4000-8000-0000000000c1', 'partial_outage', 'incident', now() - interval '12 days',
   now() - interval '12 days' + interval '130 minutes', 'de000000-0000-4000-8000-0000000000d1', null, null),
  ('de000000-0000-4000-8000-0000000000c2', 'degraded_performance', 'incident', now() - interval '12 days' + interval '25 minutes',
   now() - interval '12 days' + interval '130 minutes', 'de000000-0000-4000-8000-0000000000d1', null, null),
  ('de000000-0000-4000-8000-0000000000c6', 'degraded_performance', 'alert', now() - interval '6 days',
   now() - interval '6 days' + interval '50 minutes', null, null, 'StorageLatencyHigh: PUT latency above 1 s'),
  ('de000000-0000-4000-8000-0000000000c3', 'degraded_performance', 'manual', now() - interval '3 days',
   now() - interval '3 days' + interval '25 minutes', null, null, 'Slow single sign-on with one identity provider'),
  ('de000000-0000-4000-8000-0000000000c7', 'degraded_performance', 'incident', now() - interval '45 minutes',
   null, 'de000000-0000-4000-8000-0000000000d2', null, null)
),
actor (source, value) as (values
  ('manual', '{"type": "user", "id": "de000000-0000-4000-8000-0000000000a1"}'::jsonb),
  ('incident', '{"type": "user", "id": "de000000-0000-4000-8000-0000000000a1"}'::jsonb),
  ('alert', '{"type": "system", "job": "alertmanager"}'::jsonb),
  ('maintenance', '{"type": "system", "job": "scheduler"}'::jsonb)
)
insert into public.service_status_history
  (org_id, service_id, status, previous_status, source, actor, incident_id, maintenance_id, message, created_at)
select 'de000000-0000-4000-8000-000000000001'::uuid, s.service_id, s.status, 'operational', s.source, a.value,
       s.incident_id, s.maintenance_id, s.message, s.starts_at
from spell s join actor a using (source)
union all
select 'de000000-0000-4000-8000-000000000001'::uuid, s.service_id, 'operational', s.status, s.source, a.value,
       s.incident_id, s.maintenance_id, null, s.ends_at
from spell s join actor a using (source)
where s.ends_at is not null;

-- The open incident holds Email delivery at degraded_performance; its manual status stays operational.
update public.services set status = 'degraded_performance', updated_at = now() - interval '45 minutes'
where id = 'de000000-0000-4000-8000-0000000000c7';

-- -----------------------------------------------------------------------------------------------------
-- Event log (the trigger assigns seq and the system actor)
-- -----------------------------------------------------------------------------------------------------

insert into public.status_events (org_id, seq, type, payload)
select id, 1, 'organization.created',
       jsonb_build_object('organization', jsonb_build_object(
         'id', id, 'slug', slug, 'name', name, 'brand_color', brand_color, 'time_zone', time_zone,
         'created_at', created_at, 'updated_at', updated_at))
from public.organizations where id = 'de000000-0000-4000-8000-000000000001';
