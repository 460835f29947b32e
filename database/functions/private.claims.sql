-- The claims of the current request, as the API sets them (`request.jwt.claims`), or null.
create or replace function private.claims() returns jsonb
language sql stable set search_path = '' as $$
  select nullif(current_setting('request.jwt.claims', true), '')::jsonb
$$;
