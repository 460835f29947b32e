-- =====================================================================================================
-- One definition of the public JSON of an incident and of a maintenance. get_public_status (0100) and
-- get_public_history (0090) each spelled both out; they now call these helpers, with the same output
-- (same keys, same order). The old migrations stay as they were (they may have run somewhere): the
-- public functions are replaced here, otherwise as in 0090/0100.
-- =====================================================================================================

-- An incident as the public sees it: only its links to the given (public) services, and its updates,
-- newest first. Security invoker: it is called only from the security definer readers below, so it
-- runs with their owner's rights; no request role may execute it directly.
create or replace function private.public_incident_json(p_incident public.incidents, p_public_service_ids uuid[])
returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', p_incident.id, 'title', p_incident.title, 'status', p_incident.status, 'impact', p_incident.impact,
    'started_at', p_incident.started_at, 'resolved_at', p_incident.resolved_at,
    'created_at', p_incident.created_at, 'updated_at', p_incident.updated_at,
    'services', (select coalesce(jsonb_agg(jsonb_build_object('service_id', x.service_id, 'status', x.status)
                                           order by x.service_id), '[]'::jsonb)
                 from public.incident_services x
                 where x.incident_id = p_incident.id and x.service_id = any (p_public_service_ids)),
    'updates', (select coalesce(jsonb_agg(jsonb_build_object(
                   'id', u.id, 'status', u.status, 'message', u.message,
                   'created_at', u.created_at, 'updated_at', u.updated_at)
                 order by u.created_at desc), '[]'::jsonb)
                from public.incident_updates u where u.incident_id = p_incident.id))
$$;
revoke all on function private.public_incident_json(public.incidents, uuid[]) from public;

-- A maintenance as the public sees it: only the ids of the given (public) services it touches, and its
-- updates, newest first. Security invoker, for the definer readers only (as above).
create or replace function private.public_maintenance_json(p_maintenance public.maintenances, p_public_service_ids uuid[])
returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', p_maintenance.id, 'title', p_maintenance.title, 'description', p_maintenance.description,
    'status', p_maintenance.status, 'starts_at', p_maintenance.starts_at, 'ends_at', p_maintenance.ends_at,
    'created_at', p_maintenance.created_at, 'updated_at', p_maintenance.updated_at,
    'service_ids', (select coalesce(jsonb_agg(x.service_id order by x.service_id), '[]'::jsonb)
                    from public.maintenance_services x
                    where x.maintenance_id = p_maintenance.id and x.service_id = any (p_public_service_ids)),
    'updates', (select coalesce(jsonb_agg(jsonb_build_object(
                   'id', u.id, 'status', u.status, 'message', u.message, 'created_at', u.created_at)
                 order by u.created_at desc), '[]'::jsonb)
                from public.maintenance_updates u where u.maintenance_id = p_maintenance.id))
$$;
revoke all on function private.public_maintenance_json(public.maintenances, uuid[]) from public;

-- The public snapshot of one org, or null when the slug is unknown (as in 0100).
create or replace function public.get_public_status(p_slug text) returns jsonb
language sql stable security definer set search_path = '' as $$
  with org as (
    select * from public.organizations where slug = p_slug
  ),
  svc as (
    select s.* from public.services s join org on s.org_id = org.id where s.is_public
  ),
  pub as (
    select coalesce(array_agg(svc.id), '{}'::uuid[]) as ids from svc
  ),
  inc as (
    select i.* from public.incidents i join org on i.org_id = org.id
    where (i.resolved_at is null or i.resolved_at > now() - interval '14 days')
      and exists (select 1 from public.incident_services x join svc on svc.id = x.service_id
                  where x.incident_id = i.id)
  ),
  mnt as (
    select m.* from public.maintenances m join org on m.org_id = org.id
    where (m.status in ('scheduled', 'in_progress') or m.ends_at > now() - interval '14 days')
      and exists (select 1 from public.maintenance_services x join svc on svc.id = x.service_id
                  where x.maintenance_id = m.id)
  )
  select jsonb_build_object(
    'organization', jsonb_build_object(
      'id', org.id, 'slug', org.slug, 'name', org.name, 'brand_color', org.brand_color,
      'has_logo', exists (select 1 from public.organization_logos l where l.org_id = org.id),
      'logo_updated_at', (select l.updated_at from public.organization_logos l where l.org_id = org.id),
      'time_zone', org.time_zone,
      -- When the PUBLIC view last changed (see 0100): never a private event's time.
      'updated_at', coalesce((select e.created_at from public.public_stream_events p
                              join public.status_events e on e.org_id = p.org_id and e.seq = p.seq
                              where p.org_id = org.id order by p.seq desc limit 1), org.created_at)),
    'seq', org.last_event_seq,
    'groups', coalesce((
      select jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name, 'position', g.position,
                                          'created_at', g.created_at, 'updated_at', g.updated_at)
                       order by g.position, g.name)
      from public.service_groups g
      where g.org_id = org.id and exists (select 1 from svc where svc.group_id = g.id)), '[]'::jsonb),
    'services', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', svc.id, 'slug', svc.slug, 'name', svc.name, 'description', svc.description,
        'group_id', svc.group_id, 'position', svc.position, 'status', svc.status,
        'created_at', svc.created_at, 'updated_at', svc.updated_at) order by svc.position, svc.name)
      from svc), '[]'::jsonb),
    'incidents', coalesce((
      select jsonb_agg(private.public_incident_json(inc::public.incidents, (select pub.ids from pub))
                       order by inc.started_at desc)
      from inc), '[]'::jsonb),
    'maintenances', coalesce((
      select jsonb_agg(private.public_maintenance_json(mnt::public.maintenances, (select pub.ids from pub))
                       order by mnt.starts_at)
      from mnt), '[]'::jsonb)
  )
  from org
$$;
revoke all on function public.get_public_status(text) from public;
grant execute on function public.get_public_status(text) to anon, authenticated, service_role;

-- Incidents and maintenances that started at or after p_since (newest first, at most p_limit of
-- each), in the same shapes as get_public_status; null when the slug is unknown (as in 0090).
create or replace function public.get_public_history(p_slug text, p_since timestamptz, p_limit integer default 1000)
returns jsonb
language sql stable security definer set search_path = '' as $$
  with org as (
    select * from public.organizations where slug = p_slug
  ),
  svc as (
    select s.* from public.services s join org on s.org_id = org.id where s.is_public
  ),
  pub as (
    select coalesce(array_agg(svc.id), '{}'::uuid[]) as ids from svc
  ),
  inc as (
    select i.* from public.incidents i join org on i.org_id = org.id
    where i.started_at >= p_since
      and exists (select 1 from public.incident_services x join svc on svc.id = x.service_id
                  where x.incident_id = i.id)
    order by i.started_at desc
    limit greatest(0, least(p_limit, 5000))
  ),
  mnt as (
    select m.* from public.maintenances m join org on m.org_id = org.id
    where m.starts_at >= p_since
      and exists (select 1 from public.maintenance_services x join svc on svc.id = x.service_id
                  where x.maintenance_id = m.id)
    order by m.starts_at desc
    limit greatest(0, least(p_limit, 5000))
  )
  select jsonb_build_object(
    'incidents', coalesce((
      select jsonb_agg(private.public_incident_json(inc::public.incidents, (select pub.ids from pub))
                       order by inc.started_at desc)
      from inc), '[]'::jsonb),
    'maintenances', coalesce((
      select jsonb_agg(private.public_maintenance_json(mnt::public.maintenances, (select pub.ids from pub))
                       order by mnt.starts_at desc)
      from mnt), '[]'::jsonb)
  )
  from org
$$;
revoke all on function public.get_public_history(text, timestamptz, integer) from public;
grant execute on function public.get_public_history(text, timestamptz, integer) to anon, authenticated, service_role;
