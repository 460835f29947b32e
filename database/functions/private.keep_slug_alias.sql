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
