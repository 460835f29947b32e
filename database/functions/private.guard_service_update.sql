-- Members (and keys with a write scope) change status columns only; everything else is admin's.
create or replace function private.guard_service_update() returns trigger
language plpgsql set search_path = '' as $$
begin
  if (new.org_id, new.group_id, new.slug, new.name, new.description, new.position, new.is_public)
     is distinct from
     (old.org_id, old.group_id, old.slug, old.name, old.description, old.position, old.is_public)
     and current_user = 'authenticated'
     and not private.has_role_on_org(old.org_id, 'admin') then
    raise exception 'only admins can edit a service' using errcode = '42501';
  end if;
  return new;
end $$;
revoke all on function private.guard_service_update() from public;
