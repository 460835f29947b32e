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
