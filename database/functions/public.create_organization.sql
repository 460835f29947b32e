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
