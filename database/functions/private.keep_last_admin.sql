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
