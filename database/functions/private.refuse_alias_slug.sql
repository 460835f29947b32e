-- A new org may not take a slug that is another org's old slug (kept by private.keep_slug_alias).
create or replace function private.refuse_alias_slug() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select 1 from public.organization_slug_aliases a where a.slug = new.slug) then
    raise exception 'slug % is reserved', new.slug using errcode = '23505';
  end if;
  return new;
end $$;
revoke all on function private.refuse_alias_slug() from public;
