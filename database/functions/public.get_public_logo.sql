-- The logo of one org by slug, with the org and the seq it was read at (the public snapshot cache keys
-- and invalidates by them); no row when the slug is unknown or the org has no logo.
create or replace function public.get_public_logo(p_slug text)
returns table (org_id uuid, seq bigint, content_type text, bytes bytea, updated_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select o.id, o.last_event_seq, l.content_type, l.bytes, l.updated_at
  from public.organization_logos l join public.organizations o on o.id = l.org_id
  where o.slug = p_slug
$$;
revoke all on function public.get_public_logo(text) from public;
grant execute on function public.get_public_logo(text) to anon, authenticated, service_role;
