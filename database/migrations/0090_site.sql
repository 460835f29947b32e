-- =====================================================================================================
-- The static status site's reads (anon door): the history pages' incidents and maintenances, and the
-- status changes the 90-day uptime bars are computed from. Public data only, as in 0006/0051: public
-- services, and incidents/maintenances affecting at least one of them (private services stripped).
-- =====================================================================================================

-- Incidents and maintenances that started at or after p_since (newest first, at most p_limit of
-- each), in the same shapes as get_public_status; null when the slug is unknown.
create or replace function public.get_public_history(p_slug text, p_since timestamptz, p_limit integer default 1000)
returns jsonb
language sql stable security definer set search_path = '' as $$
  with org as (
    select * from public.organizations where slug = p_slug
  ),
  svc as (
    select s.* from public.services s join org on s.org_id = org.id where s.is_public
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
        order by mnt.starts_at desc)
      from mnt), '[]'::jsonb)
  )
  from org
$$;
revoke all on function public.get_public_history(text, timestamptz, integer) from public;
grant execute on function public.get_public_history(text, timestamptz, integer) to anon, authenticated, service_role;

-- The shown-status changes of the org's public services that the uptime from p_since on needs: per
-- service, the last change before p_since (it gives the window's first status) and every later one.
create or replace function public.get_public_status_changes(p_slug text, p_since timestamptz)
returns table (service_id uuid, status text, created_at timestamptz)
language sql stable security definer set search_path = '' as $$
  with svc as (
    select s.org_id, s.id from public.services s
    join public.organizations o on o.id = s.org_id
    where o.slug = p_slug and s.is_public
  )
  select h.service_id, h.status, h.created_at
  from svc cross join lateral (
    (select x.service_id, x.status, x.created_at from public.service_status_history x
      where x.org_id = svc.org_id and x.service_id = svc.id and x.created_at < p_since
      order by x.created_at desc, x.id desc limit 1)
    union all
    (select x.service_id, x.status, x.created_at from public.service_status_history x
      where x.org_id = svc.org_id and x.service_id = svc.id and x.created_at >= p_since)
  ) h
$$;
revoke all on function public.get_public_status_changes(text, timestamptz) from public;
grant execute on function public.get_public_status_changes(text, timestamptz) to anon, authenticated, service_role;
