-- The caller named by the request's claims, as the API spells it in `idempotency_keys.caller`:
-- `api_key:<key id>` or `user:<user id>`; null for anyone else.
create or replace function private.request_caller() returns text
language sql stable set search_path = '' as $$
  select case
    when private.claims() ? 'key_id' then 'api_key:' || (private.claims() ->> 'key_id')
    when private.claims() ? 'sub' then 'user:' || (private.claims() ->> 'sub')
  end
$$;
revoke all on function private.request_caller() from public;
grant execute on function private.request_caller() to authenticated, service_role;
