-- =====================================================================================================
-- The tenant's Prometheus endpoint (GET /api/organizations/:orgId/metrics) reads through these two
-- functions. Its callers are the org's admins and API keys with `metrics:read`, a scope that on
-- purpose grants no table reads (0001: `read` is not implied by it), so such a key learns these
-- numbers and nothing else. Security definer, callable by `authenticated` only, and each checks the
-- caller itself with private.has_role_on_org: anyone else (another org's key, a viewer) gets nothing.
-- =====================================================================================================

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

-- The status changes the uptime of every service of the org needs, exactly as the uptime route reads
-- them for one service: per service the last change before p_since (its first status in the window),
-- then every change from p_since to p_now. Empty when the caller may not read the org's metrics.
create or replace function public.get_org_status_changes(p_org_id uuid, p_since timestamptz, p_now timestamptz)
returns table (service_id uuid, status text, created_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.has_role_on_org(p_org_id, 'admin', array['metrics:read']) then
    return;
  end if;
  return query
    select b.service_id, b.status, b.created_at from public.services s
    cross join lateral (
      select h.service_id, h.status, h.created_at from public.service_status_history h
      where h.org_id = p_org_id and h.service_id = s.id and h.created_at < p_since
      order by h.created_at desc, h.id desc limit 1) b
    where s.org_id = p_org_id
    union all
    select h.service_id, h.status, h.created_at from public.service_status_history h
    where h.org_id = p_org_id and h.created_at >= p_since and h.created_at <= p_now;
end $$;
revoke all on function public.get_org_status_changes(uuid, timestamptz, timestamptz) from public, anon;
grant execute on function public.get_org_status_changes(uuid, timestamptz, timestamptz) to authenticated;
