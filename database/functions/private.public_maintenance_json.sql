-- A maintenance as the public sees it: only the ids of the given (public) services it touches, and its
-- updates, newest first. Security invoker, for the definer readers only (see private.public_incident_json.sql).
create or replace function private.public_maintenance_json(p_maintenance public.maintenances, p_public_service_ids uuid[])
returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', p_maintenance.id, 'title', p_maintenance.title, 'description', p_maintenance.description,
    'status', p_maintenance.status, 'starts_at', p_maintenance.starts_at, 'ends_at', p_maintenance.ends_at,
    'created_at', p_maintenance.created_at, 'updated_at', p_maintenance.updated_at,
    'service_ids', (select coalesce(jsonb_agg(x.service_id order by x.service_id), '[]'::jsonb)
                    from public.maintenance_services x
                    where x.maintenance_id = p_maintenance.id and x.service_id = any (p_public_service_ids)),
    'updates', (select coalesce(jsonb_agg(jsonb_build_object(
                   'id', u.id, 'status', u.status, 'message', u.message, 'created_at', u.created_at)
                 order by u.created_at desc), '[]'::jsonb)
                from public.maintenance_updates u where u.maintenance_id = p_maintenance.id))
$$;
revoke all on function private.public_maintenance_json(public.maintenances, uuid[]) from public;
