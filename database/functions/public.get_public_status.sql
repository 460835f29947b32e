-- The public snapshot of one org, or null when the slug is unknown: public services only, and the
-- incidents and maintenances touching at least one of them, with private services stripped.
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
