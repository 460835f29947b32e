-- =====================================================================================================
-- Supabase shim: gives a plain PostgreSQL server or PGlite exactly the pieces of Supabase that our
-- migrations use. Applied only when the `auth` schema is missing (on Supabase it never runs).
-- Definitions follow supabase/postgres (roles, auth.uid/role/jwt, default grants).
-- =====================================================================================================

-- Roles are cluster-wide and shared by every database on the server: create them only if absent and
-- tolerate a concurrent creator; never alter or drop them.
do $$
declare r record;
begin
  for r in select * from (values ('anon', false), ('authenticated', false), ('service_role', true)) v(name, bypass)
  loop
    if not exists (select 1 from pg_roles where rolname = r.name) then
      begin
        if r.bypass then
          execute format('create role %I nologin noinherit bypassrls', r.name);
        else
          execute format('create role %I nologin noinherit', r.name);
        end if;
      exception when duplicate_object or unique_violation then null;
      end;
    end if;
  end loop;
end $$;

-- The connecting role must be able to `set role` to the request roles (Supabase's `authenticator`).
do $$
begin
  execute format('grant anon, authenticated, service_role to %I', current_user);
exception when others then null; -- already a member, or a superuser
end $$;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  aud text default 'authenticated',
  role text default 'authenticated',
  email text unique,
  encrypted_password text,
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb not null default '{}'::jsonb,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
grant all on auth.users to service_role;

create or replace function auth.uid() returns uuid language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;

-- Supabase's default grants: the API roles get table rights in `public` and RLS is the wall.
-- Our migrations revoke what `anon` must not have; running them under these grants is the point.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
