-- =====================================================================================================
-- The public read path, hardened: the public snapshot's page update time (organization.updated_at)
-- moves only with PUBLIC changes. Before, it was the time of the newest event of any kind, so a
-- visitor polling the public API could see when private services, members or keys changed.
-- The rest of get_public_status is as in 0051.
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
      -- When the PUBLIC view last changed: the time of the newest event that changed something public
      -- (public_stream_events, 0080), else the org's creation. Never a private event's time: that
      -- would tell anyone when private changes happen.
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
