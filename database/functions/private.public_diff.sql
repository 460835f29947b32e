-- The entities of one kind that differ between two views: the new state, or {id, deleted: true}.
create or replace function private.public_diff(p_old jsonb, p_new jsonb, p_type text) returns jsonb
language sql immutable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('type', p_type, 'data',
           case when n.v is null then jsonb_build_object('id', o.id, 'deleted', true)
                else jsonb_build_object(p_type, n.v) end) order by coalesce(n.ord, o.ord)), '[]'::jsonb)
  from (select x ->> 'id' as id, x as v, ord from jsonb_array_elements(coalesce(p_old, '[]')) with ordinality t(x, ord)) o
  full join (select x ->> 'id' as id, x as v, ord from jsonb_array_elements(coalesce(p_new, '[]')) with ordinality t(x, ord)) n
    on n.id = o.id
  where o.v is distinct from n.v
$$;
revoke all on function private.public_diff(jsonb, jsonb, text) from public;
