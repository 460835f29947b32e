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
