-- =====================================================================================================
-- API keys: per org, scoped, revocable. Only a SHA-256 of the secret is stored.
-- =====================================================================================================

create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 120),
  -- The first characters of the secret, shown in lists so people can tell keys apart.
  prefix text not null check (char_length(prefix) between 4 and 16),
  key_hash text not null unique,
  scopes text[] not null check (
    cardinality(scopes) > 0 and scopes <@ array[
      'read', 'status:write', 'incidents:write', 'maintenances:write', 'metrics:read', 'alerts:write'
    ]::text[]),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_org_id_idx on public.api_keys (org_id);
create index api_keys_created_by_idx on public.api_keys (created_by);
alter table public.api_keys enable row level security;

create policy "Admins can read their org's API keys" on public.api_keys
  for select to authenticated using ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can create API keys" on public.api_keys
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can revoke API keys" on public.api_keys
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'admin')))
  with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can delete API keys" on public.api_keys
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'admin')));
