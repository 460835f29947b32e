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
