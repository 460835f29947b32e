-- =====================================================================================================
-- Teams: an organization always keeps an admin, and its member list (with emails) for its readers.
-- =====================================================================================================

-- -----------------------------------------------------------------------------------------------------
-- The last admin stays
-- -----------------------------------------------------------------------------------------------------

-- Refuses to remove or demote an org's last admin. The org row is locked first, so two admins demoting
-- each other at the same moment take turns and the second one is refused (a count in the API alone
-- would let both pass). Deleting the org itself or the user's account cascades here after the parent
-- row is gone: those are allowed.
create or replace function private.keep_last_admin() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.role <> 'admin' or (tg_op = 'UPDATE' and new.role = 'admin') then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  perform 1 from public.organizations o where o.id = old.org_id for update;
  if not found or not exists (select 1 from auth.users u where u.id = old.user_id) then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  if not exists (
    select 1 from public.organization_members m
    where m.org_id = old.org_id and m.role = 'admin' and m.user_id <> old.user_id
  ) then
    raise exception 'an organization needs at least one admin' using errcode = 'LA409';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;
revoke all on function private.keep_last_admin() from public;

create trigger organization_members_keep_last_admin before update of role or delete on public.organization_members
  for each row execute function private.keep_last_admin();

-- -----------------------------------------------------------------------------------------------------
-- The member list
-- -----------------------------------------------------------------------------------------------------

-- The members of one org with their email and display name, for anyone who may read the org (viewers
-- and up, API keys with `read`). Profiles themselves stay readable only by fellow members; this is the
-- one way an API key sees them.
create or replace function public.list_organization_members(p_org_id uuid)
returns table (user_id uuid, email text, display_name text, role text, created_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.has_role_on_org(p_org_id, 'viewer', array['read']) then
    raise exception 'not allowed to read this organization''s members' using errcode = '42501';
  end if;
  return query
    select m.user_id, coalesce(p.email, ''), p.display_name, m.role, m.created_at
    from public.organization_members m
    left join public.profiles p on p.user_id = m.user_id
    where m.org_id = p_org_id;
end $$;
revoke all on function public.list_organization_members(uuid) from public, anon;
grant execute on function public.list_organization_members(uuid) to authenticated, service_role;
