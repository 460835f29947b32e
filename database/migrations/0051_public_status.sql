-- =====================================================================================================
-- The public read API's functions (anon door): the snapshot gains what the public API and its
-- Statuspage-compatible summary need (logo version, page update time, group times), and the logo.
-- Public data only, as in 0006: public services, and incidents/maintenances affecting at least one.
-- =====================================================================================================

-- The public snapshot of one org, or null when the slug is unknown.
create or replace function public.get_public_status(p_slug text) returns jsonb
language sql stable security definer set search_path = '' as $$
  with org as (
    select * from public.organizations where slug = p_slug
  ),
  svc as (
    select s.* from public.services s join org on s.org_id = org.id where s.is_public
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
      -- When anything seen last changed: the time of the newest event, else the org's own.
      'updated_at', coalesce((select e.created_at from public.status_events e
                              where e.org_id = org.id and e.seq = org.last_event_seq), org.updated_at)),
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
      select jsonb_agg(jsonb_build_object(
        'id', inc.id, 'title', inc.title, 'status', inc.status, 'impact', inc.impact,
        'started_at', inc.started_at, 'resolved_at', inc.resolved_at,
        'created_at', inc.created_at, 'updated_at', inc.updated_at,
        'services', (select coalesce(jsonb_agg(jsonb_build_object('service_id', x.service_id, 'status', x.status)
                                               order by x.service_id), '[]'::jsonb)
                     from public.incident_services x join svc on svc.id = x.service_id
                     where x.incident_id = inc.id),
        'updates', (select coalesce(jsonb_agg(jsonb_build_object(
                       'id', u.id, 'status', u.status, 'message', u.message,
                       'created_at', u.created_at, 'updated_at', u.updated_at)
                     order by u.created_at desc), '[]'::jsonb)
                    from public.incident_updates u where u.incident_id = inc.id))
        order by inc.started_at desc)
      from inc), '[]'::jsonb),
    'maintenances', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', mnt.id, 'title', mnt.title, 'description', mnt.description, 'status', mnt.status,
        'starts_at', mnt.starts_at, 'ends_at', mnt.ends_at,
        'created_at', mnt.created_at, 'updated_at', mnt.updated_at,
        'service_ids', (select coalesce(jsonb_agg(x.service_id order by x.service_id), '[]'::jsonb)
                        from public.maintenance_services x join svc on svc.id = x.service_id
                        where x.maintenance_id = mnt.id),
        'updates', (select coalesce(jsonb_agg(jsonb_build_object(
                       'id', u.id, 'status', u.status, 'message', u.message, 'created_at', u.created_at)
                     order by u.created_at desc), '[]'::jsonb)
                    from public.maintenance_updates u where u.maintenance_id = mnt.id))
        order by mnt.starts_at)
      from mnt), '[]'::jsonb)
  )
  from org
$$;
revoke all on function public.get_public_status(text) from public;
grant execute on function public.get_public_status(text) to anon, authenticated, service_role;

-- The logo of one org by slug, with the org and the seq it was read at (the public snapshot cache keys
-- and invalidates by them); no row when the slug is unknown or the org has no logo.
create or replace function public.get_public_logo(p_slug text)
returns table (org_id uuid, seq bigint, content_type text, bytes bytea, updated_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select o.id, o.last_event_seq, l.content_type, l.bytes, l.updated_at
  from public.organization_logos l join public.organizations o on o.id = l.org_id
  where o.slug = p_slug
$$;
revoke all on function public.get_public_logo(text) from public;
grant execute on function public.get_public_logo(text) to anon, authenticated, service_role;
