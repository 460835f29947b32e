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
