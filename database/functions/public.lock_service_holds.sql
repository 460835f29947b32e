-- Every hold on some services of an org (their manual status, the statuses open incidents and firing
-- alerts set, whether a maintenance is in progress), each service row locked for update so that
-- concurrent recomputations of one service run one after another. The API's effective-status
-- function turns the holds into the shown status (api/src/status/recompute.ts); the rule itself is
-- not here. A PL/pgSQL function for its cached plan: as a plain statement, planning its three
-- subqueries cost more than running them (on PGlite, 3 of the ~12 ms a status write spent in SQL;
-- docs/benchmarks.md, "Write path"). Security invoker: the caller's row level security applies.
create or replace function public.lock_service_holds(p_org_id uuid, p_service_ids uuid[])
returns table (
  id uuid,
  status text,
  manual_status text,
  incident_holds text[],
  alert_holds text[],
  in_maintenance boolean
)
language plpgsql volatile set search_path = '' as $$
begin
  return query
  select s.id, s.status, s.manual_status,
    coalesce((select array_agg(x.status) from public.incident_services x
              join public.incidents i on i.id = x.incident_id
              where x.service_id = s.id and i.status <> 'resolved'), '{}'),
    coalesce((select array_agg(h.status) from public.alert_holds h
              where h.org_id = s.org_id and h.service_id = s.id and h.resolved_at is null), '{}'),
    exists (select 1 from public.maintenance_services ms
            join public.maintenances m on m.id = ms.maintenance_id
            where ms.service_id = s.id and m.status = 'in_progress')
  from public.services s
  where s.org_id = p_org_id and s.id = any(p_service_ids)
  order by s.id
  for update of s;
end $$;
revoke all on function public.lock_service_holds(uuid, uuid[]) from public;
grant execute on function public.lock_service_holds(uuid, uuid[]) to authenticated, service_role;
