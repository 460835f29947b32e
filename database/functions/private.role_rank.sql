-- The order of member roles, for "at least" comparisons; 0 for anything else.
create or replace function private.role_rank(p_role text) returns int
language sql immutable set search_path = '' as $$
  select case p_role when 'viewer' then 1 when 'member' then 2 when 'admin' then 3 else 0 end
$$;
