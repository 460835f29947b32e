-- An incident as the public sees it: only its links to the given (public) services, and its updates,
-- newest first. Security invoker: it is called only from the security definer readers (get_public_status,
-- get_public_history), so it runs with their owner's rights; no request role may execute it directly.
-- The post-mortem columns (migration 0175) are read through to_jsonb(p_incident): migration 0150
-- creates this text on a fresh database before those columns exist, and a field access would not
-- compile there (database/functions/README.md); before 0175 they read as null.
create or replace function private.public_incident_json(p_incident public.incidents, p_public_service_ids uuid[])
returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', p_incident.id, 'title', p_incident.title, 'status', p_incident.status, 'impact', p_incident.impact,
    'started_at', p_incident.started_at, 'resolved_at', p_incident.resolved_at,
    'created_at', p_incident.created_at, 'updated_at', p_incident.updated_at,
    'postmortem', to_jsonb(p_incident) -> 'postmortem',
    'postmortem_updated_at', to_jsonb(p_incident) -> 'postmortem_updated_at',
    'services', (select coalesce(jsonb_agg(jsonb_build_object('service_id', x.service_id, 'status', x.status)
                                           order by x.service_id), '[]'::jsonb)
                 from public.incident_services x
                 where x.incident_id = p_incident.id and x.service_id = any (p_public_service_ids)),
    'updates', (select coalesce(jsonb_agg(jsonb_build_object(
                   'id', u.id, 'status', u.status, 'message', u.message,
                   'created_at', u.created_at, 'updated_at', u.updated_at)
                 order by u.created_at desc), '[]'::jsonb)
                from public.incident_updates u where u.incident_id = p_incident.id))
$$;
revoke all on function private.public_incident_json(public.incidents, uuid[]) from public;
