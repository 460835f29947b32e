-- =====================================================================================================
-- The anonymous door: `anon` reads nothing but what these functions return, the public fields of one
-- org by slug. Public data = public services, and incidents/maintenances that affect at least one
-- public service, with the private services stripped from them.
-- =====================================================================================================

-- No table is granted to anon (Supabase's default grants give it everything; RLS would still hold,
-- but a grant that is never needed is a grant that can go wrong).
revoke all on all tables in schema public from anon;
alter default privileges in schema public revoke all on tables from anon;
-- Nor the rights row level security does not cover: TRUNCATE ignores policies (one statement would
-- empty every tenant's table), and TRIGGER/REFERENCES let a request attach objects to our tables.
revoke truncate, trigger, references on all tables in schema public from authenticated;
alter default privileges in schema public revoke truncate, trigger, references on tables from authenticated;

-- The org's current slug for a slug or a renamed org's old slug; null when unknown.
create or replace function public.resolve_org_slug(p_slug text) returns text
language sql stable security definer set search_path = '' as $$
  select o.slug from public.organizations o where o.slug = p_slug
  union all
  select o.slug from public.organization_slug_aliases a join public.organizations o on o.id = a.org_id
  where a.slug = p_slug
  limit 1
$$;
revoke all on function public.resolve_org_slug(text) from public;
grant execute on function public.resolve_org_slug(text) to anon, authenticated, service_role;

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
      'id', org.id, 'slug', org.slug, 'name', org.name, 'brand_color', org.brand_color, 'has_logo', exists (select 1 from public.organization_logos l where l.org_id = org.id),
      'time_zone', org.time_zone),
    'seq', org.last_event_seq,
    'groups', coalesce((
      select jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name, 'position', g.position)
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
