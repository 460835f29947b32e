-- =====================================================================================================
-- Idempotency keys: writes that scripts repeat (`Idempotency-Key` header) answer the first answer
-- again for 24 h instead of changing anything twice. Design: api/src/idempotency/README.md.
-- =====================================================================================================

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

create table public.idempotency_keys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  caller text not null check (caller ~ '^(user|api_key):[0-9a-f-]{36}$'),
  key text not null check (char_length(key) between 1 and 255),
  -- SHA-256 of method, path and canonical body: the same key with another request is refused.
  request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'),
  -- Who holds the claim now; a takeover of an abandoned claim changes it, so the old holder's write
  -- transaction (which re-checks it before commit) rolls back instead of committing a second time.
  claim_token uuid not null,
  -- Set inside the write's own transaction: "the write committed" is never lost, even in a crash.
  executed_at timestamptz,
  response_status int check (response_status between 100 and 599),
  response_content_type text,
  response_body text,
  completed_at timestamptz,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  unique (org_id, caller, key),
  check (expires_at > created_at)
);
create index idempotency_keys_org_id_idx on public.idempotency_keys (org_id, expires_at);
create index idempotency_keys_expires_at_idx on public.idempotency_keys (expires_at);
alter table public.idempotency_keys enable row level security;
revoke all on public.idempotency_keys from anon;

-- A caller sees and touches only its own keys, and only in an org where it may write.
create policy "Writers can read their own idempotency keys" on public.idempotency_keys
  for select to authenticated
  using (caller = (select private.request_caller())
    and (select private.has_role_on_org(org_id, 'member',
      array['status:write', 'incidents:write', 'maintenances:write', 'alerts:write'])));
create policy "Writers can record their own idempotency keys" on public.idempotency_keys
  for insert to authenticated
  with check (caller = (select private.request_caller())
    and (select private.has_role_on_org(org_id, 'member',
      array['status:write', 'incidents:write', 'maintenances:write', 'alerts:write'])));
create policy "Writers can complete their own idempotency keys" on public.idempotency_keys
  for update to authenticated
  using (caller = (select private.request_caller())
    and (select private.has_role_on_org(org_id, 'member',
      array['status:write', 'incidents:write', 'maintenances:write', 'alerts:write'])))
  with check (caller = (select private.request_caller())
    and (select private.has_role_on_org(org_id, 'member',
      array['status:write', 'incidents:write', 'maintenances:write', 'alerts:write'])));
create policy "Writers can release their own idempotency keys" on public.idempotency_keys
  for delete to authenticated
  using (caller = (select private.request_caller())
    and (select private.has_role_on_org(org_id, 'member',
      array['status:write', 'incidents:write', 'maintenances:write', 'alerts:write'])));
