-- The org's current slug for a slug or a renamed org's old slug; null when unknown.
create or replace function public.resolve_org_slug(p_slug text) returns text
language sql stable security definer set search_path = '' as $$
  select o.slug from public.organizations o where o.slug = p_slug
  union all
  select o.slug from public.organization_slug_aliases a join public.organizations o on o.id = a.org_id
  where a.slug = p_slug
  limit 1
$$;
revoke all on function public.resolve_org_slug(text) from public;
grant execute on function public.resolve_org_slug(text) to anon, authenticated, service_role;
