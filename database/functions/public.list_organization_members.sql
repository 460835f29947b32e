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
