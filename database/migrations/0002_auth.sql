-- =====================================================================================================
-- Local auth provider: refresh tokens (rotated, in families) and single-use email tokens. Only hashes
-- are stored. The auth module writes these as service_role; users may read their own sessions.
-- =====================================================================================================

create table public.refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  family_id uuid not null,
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index refresh_tokens_user_id_idx on public.refresh_tokens (user_id);
create index refresh_tokens_family_id_idx on public.refresh_tokens (family_id);
alter table public.refresh_tokens enable row level security;

create policy "Users can read their own sessions" on public.refresh_tokens
  for select to authenticated using (user_id = (select auth.uid()));

create table public.auth_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password')),
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index auth_tokens_user_id_idx on public.auth_tokens (user_id);
alter table public.auth_tokens enable row level security;

create policy "Users can read their own pending email tokens" on public.auth_tokens
  for select to authenticated using (user_id = (select auth.uid()));
