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
