-- =====================================================================================================
-- Tenancy: organizations, members, profiles, invitations, and the one helper every policy uses.
-- =====================================================================================================

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- -----------------------------------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------------------------------

create or replace function private.role_rank(p_role text) returns int
language sql immutable set search_path = '' as $$
  select case p_role when 'viewer' then 1 when 'member' then 2 when 'admin' then 3 else 0 end
$$;

-- The claims of the current request, as the API sets them (`request.jwt.claims`), or null.
create or replace function private.claims() returns jsonb
language sql stable set search_path = '' as $$
  select nullif(current_setting('request.jwt.claims', true), '')::jsonb
$$;

-- Does the caller hold at least `p_min_role` on `p_org_id`?
-- A user: read from organization_members on every call (a removed member is refused at once).
-- An API key (claims carry key_id, org_id, scopes): only for its own org, only while not revoked, and
-- only when one of `p_scopes` is among its scopes. `read` is implied by every write scope (a writer
-- must see the rows it changes), not by `metrics:read`.
-- p_scopes null means "no API key may do this" (admin-only operations).
create or replace function private.has_role_on_org(p_org_id uuid, p_min_role text, p_scopes text[] default null)
returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  c jsonb := private.claims();
  key_scopes text[];
begin
  if c is null or p_org_id is null then
    return false;
  end if;
  if c ? 'key_id' then
    if p_scopes is null or (c ->> 'org_id')::uuid is distinct from p_org_id then
      return false;
    end if;
    select k.scopes into key_scopes from public.api_keys k
      where k.id = (c ->> 'key_id')::uuid and k.org_id = p_org_id and k.revoked_at is null;
    if key_scopes is null then
      return false;
    end if;
    return key_scopes && p_scopes
      or ('read' = any (p_scopes)
          and key_scopes && array['status:write', 'incidents:write', 'maintenances:write', 'alerts:write']);
  end if;
  return exists (
    select 1 from public.organization_members m
    where m.org_id = p_org_id
      and m.user_id = (c ->> 'sub')::uuid
      and private.role_rank(m.role) >= private.role_rank(p_min_role)
  );
end $$;

revoke all on function private.has_role_on_org(uuid, text, text[]) from public;
grant execute on function private.has_role_on_org(uuid, text, text[]) to authenticated, service_role;

-- -----------------------------------------------------------------------------------------------------
-- Organizations
-- -----------------------------------------------------------------------------------------------------

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique
    check (slug ~ '^[a-z0-9](?:[a-z0-9-]{1,46})[a-z0-9]$'),
  name text not null check (char_length(name) between 1 and 120),
  brand_color text not null default '#2563eb' check (brand_color ~ '^#[0-9a-fA-F]{6}$'),

  time_zone text not null default 'UTC' check (char_length(time_zone) between 1 and 64),
  settings jsonb not null default '{}'::jsonb check (jsonb_typeof(settings) = 'object'),
  last_event_seq bigint not null default 0 check (last_event_seq >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.organizations enable row level security;

-- Old slugs of renamed orgs: they stay reserved for the org and redirect to it.
create table public.organization_slug_aliases (
  slug text primary key check (slug ~ '^[a-z0-9](?:[a-z0-9-]{1,46})[a-z0-9]$'),
  org_id uuid not null references public.organizations (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index organization_slug_aliases_org_id_idx on public.organization_slug_aliases (org_id);
alter table public.organization_slug_aliases enable row level security;

-- Logos live in the database so every API replica and the site renderer see the same bytes.
create table public.organization_logos (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
  bytes bytea not null check (octet_length(bytes) <= 262144),
  updated_at timestamptz not null default now()
);
alter table public.organization_logos enable row level security;

create table public.profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  display_name text check (char_length(display_name) <= 120),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.profiles enable row level security;

create table public.organization_members (
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('admin', 'member', 'viewer')),
  created_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index organization_members_user_id_idx on public.organization_members (user_id);
alter table public.organization_members enable row level security;

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (email ~ '^[^@\s]+@[^@\s]+$'),
  role text not null check (role in ('admin', 'member', 'viewer')),
  token_hash text not null unique,
  invited_by uuid references auth.users (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index invitations_org_id_idx on public.invitations (org_id);
create index invitations_invited_by_idx on public.invitations (invited_by);
create index invitations_accepted_by_idx on public.invitations (accepted_by);
alter table public.invitations enable row level security;

-- Does the caller share an organization with `p_user_id`? (Profiles of fellow members are readable.)
create or replace function private.shares_org_with(p_user_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.organization_members mine
    join public.organization_members theirs on theirs.org_id = mine.org_id
    where mine.user_id = (select auth.uid()) and theirs.user_id = p_user_id
  )
$$;
revoke all on function private.shares_org_with(uuid) from public;
grant execute on function private.shares_org_with(uuid) to authenticated;

-- A profile for every user, whichever provider created it (Supabase Auth inserts into auth.users).
create or replace function private.create_profile_for_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (user_id, email, display_name)
  values (new.id, coalesce(new.email, ''), new.raw_user_meta_data ->> 'display_name')
  on conflict (user_id) do nothing;
  return new;
end $$;
revoke all on function private.create_profile_for_user() from public;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.create_profile_for_user();

-- Keep a renamed org's old slug as an alias; a slug taken as an alias can only return to its own org.
create or replace function private.keep_slug_alias() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.slug is distinct from old.slug then
    if exists (select 1 from public.organization_slug_aliases a where a.slug = new.slug and a.org_id <> new.id) then
      raise exception 'slug % is reserved', new.slug using errcode = '23505';
    end if;
    delete from public.organization_slug_aliases where slug = new.slug and org_id = new.id;
    insert into public.organization_slug_aliases (slug, org_id) values (old.slug, old.id)
      on conflict (slug) do nothing;
  end if;
  return new;
end $$;
revoke all on function private.keep_slug_alias() from public;

create trigger organizations_keep_slug_alias before update of slug on public.organizations
  for each row execute function private.keep_slug_alias();

create or replace function private.refuse_alias_slug() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select 1 from public.organization_slug_aliases a where a.slug = new.slug) then
    raise exception 'slug % is reserved', new.slug using errcode = '23505';
  end if;
  return new;
end $$;
revoke all on function private.refuse_alias_slug() from public;

create trigger organizations_refuse_alias_slug before insert on public.organizations
  for each row execute function private.refuse_alias_slug();

-- Creating an org is the one way in: the caller becomes its first admin.
create or replace function public.create_organization(p_name text, p_slug text) returns public.organizations
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
  org public.organizations;
begin
  if uid is null or private.claims() ? 'key_id' then
    raise exception 'only a signed-in user can create an organization' using errcode = '42501';
  end if;
  insert into public.organizations (name, slug) values (p_name, p_slug) returning * into org;
  insert into public.organization_members (org_id, user_id, role) values (org.id, uid, 'admin');
  return org;
end $$;
revoke all on function public.create_organization(text, text) from public, anon;
grant execute on function public.create_organization(text, text) to authenticated, service_role;

-- -----------------------------------------------------------------------------------------------------
-- Policies
-- -----------------------------------------------------------------------------------------------------

create policy "Members can read their organizations" on public.organizations
  for select to authenticated using ((select private.has_role_on_org(id, 'viewer', array['read'])));
create policy "Admins can update their organization" on public.organizations
  for update to authenticated
  using ((select private.has_role_on_org(id, 'admin')))
  with check ((select private.has_role_on_org(id, 'admin')));
create policy "Admins can delete their organization" on public.organizations
  for delete to authenticated using ((select private.has_role_on_org(id, 'admin')));

create policy "Members can read their organization's slug aliases" on public.organization_slug_aliases
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));

create policy "Members can read their organization's logo" on public.organization_logos
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Admins can upload a logo" on public.organization_logos
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can replace the logo" on public.organization_logos
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'admin')))
  with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can remove the logo" on public.organization_logos
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'admin')));

create policy "Users can read their own profile and fellow members' profiles" on public.profiles
  for select to authenticated
  using (user_id = (select auth.uid()) or (select private.shares_org_with(user_id)));
create policy "Users can update their own profile" on public.profiles
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

create policy "Members can read their organization's members" on public.organization_members
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Admins can add members" on public.organization_members
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can change members' roles" on public.organization_members
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'admin')))
  with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can remove members and members can leave" on public.organization_members
  for delete to authenticated
  using (user_id = (select auth.uid()) or (select private.has_role_on_org(org_id, 'admin')));

create policy "Admins can read invitations" on public.invitations
  for select to authenticated using ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can create invitations" on public.invitations
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can revoke invitations" on public.invitations
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'admin')))
  with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can delete invitations" on public.invitations
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'admin')));
