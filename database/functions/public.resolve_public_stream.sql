-- The org behind a slug or a renamed org's old slug: its id (the stream's topic) and current slug.
create or replace function public.resolve_public_stream(p_slug text)
returns table (org_id uuid, slug text)
language sql stable security definer set search_path = '' as $$
  select o.id, o.slug from public.organizations o where o.slug = p_slug
  union all
  select o.id, o.slug from public.organization_slug_aliases a join public.organizations o on o.id = a.org_id
  where a.slug = p_slug
  limit 1
$$;
revoke all on function public.resolve_public_stream(text) from public;
grant execute on function public.resolve_public_stream(text) to anon, authenticated, service_role;
