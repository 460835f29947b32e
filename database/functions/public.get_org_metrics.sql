-- The org's services (public and private) with their shown status, its open incidents per impact and
-- its maintenances in progress; null when the caller may not read the org's metrics.
create or replace function public.get_org_metrics(p_org_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.has_role_on_org(p_org_id, 'admin', array['metrics:read']) then
    return null;
  end if;
  return (
    select jsonb_build_object(
      'time_zone', o.time_zone,
      'services', (select coalesce(jsonb_agg(jsonb_build_object(
                     'id', s.id, 'slug', s.slug, 'status', s.status, 'created_at', s.created_at)
                   order by s.position, s.slug), '[]'::jsonb)
                   from public.services s where s.org_id = o.id),
      'incidents_open', (select coalesce(jsonb_object_agg(x.impact, x.open), '{}'::jsonb)
                         from (select i.impact, count(*) as open from public.incidents i
                               where i.org_id = o.id and i.resolved_at is null group by i.impact) x),
      'maintenances_active', (select count(*) from public.maintenances m
                              where m.org_id = o.id and m.status = 'in_progress'))
    from public.organizations o where o.id = p_org_id
  );
end $$;
revoke all on function public.get_org_metrics(uuid) from public, anon;
grant execute on function public.get_org_metrics(uuid) to authenticated;
