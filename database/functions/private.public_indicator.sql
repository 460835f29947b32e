-- The overall indicator of a public view (Statuspage's status.indicator, plus maintenance).
create or replace function private.public_indicator(p_view jsonb) returns text
language sql immutable set search_path = '' as $$
  with s as (select x ->> 'status' as status from jsonb_array_elements(coalesce(p_view -> 'services', '[]')) x),
  i as (select x ->> 'impact' as impact from jsonb_array_elements(coalesce(p_view -> 'incidents', '[]')) x
        where x ->> 'status' <> 'resolved')
  select case
    when exists (select 1 from s where status = 'major_outage') or exists (select 1 from i where impact = 'critical') then 'critical'
    when exists (select 1 from s where status = 'partial_outage') or exists (select 1 from i where impact = 'major') then 'major'
    when exists (select 1 from s where status = 'degraded_performance') or exists (select 1 from i where impact = 'minor') then 'minor'
    when exists (select 1 from s where status = 'under_maintenance')
      or exists (select 1 from jsonb_array_elements(coalesce(p_view -> 'maintenances', '[]')) m where m ->> 'status' = 'in_progress') then 'maintenance'
    else 'none'
  end
$$;
revoke all on function private.public_indicator(jsonb) from public;
grant execute on function private.public_indicator(jsonb) to anon, authenticated, service_role;
