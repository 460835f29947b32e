-- What a (re)connecting public client needs after `p_after` (-1: it has nothing): the public changes
-- it missed, or, when the id is outside the replay window (older than `p_max_age_s` or more than
-- `p_max_events` behind, both capped at the documented 24 h / 10,000) or ahead of the log, a fresh
-- snapshot with its seq and indicator. One statement, so the seq and the rows agree. Null for an
-- unknown slug.
create or replace function public.get_public_stream_replay(
  p_slug text, p_after bigint, p_max_events int default 10000, p_max_age_s int default 86400)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  org public.organizations;
  oldest timestamptz;
  snapshot jsonb;
begin
  select * into org from public.organizations o where o.slug = p_slug;
  if org.id is null then
    return null;
  end if;
  if p_after < org.last_event_seq and p_after >= 0 then
    select e.created_at into oldest from public.status_events e where e.org_id = org.id and e.seq = p_after + 1;
  end if;
  if p_after < 0 or p_after > org.last_event_seq
     or org.last_event_seq - p_after > least(greatest(p_max_events, 0), 10000)
     or (p_after < org.last_event_seq
         and (oldest is null or oldest < now() - make_interval(secs => least(greatest(p_max_age_s, 0), 86400)))) then
    snapshot := public.get_public_status(org.slug);
    return jsonb_build_object('seq', snapshot -> 'seq', 'replayable', false,
      'snapshot', snapshot || jsonb_build_object('indicator', private.public_indicator(snapshot)));
  end if;
  return jsonb_build_object('seq', org.last_event_seq, 'replayable', true, 'events', coalesce((
    select jsonb_agg(jsonb_build_object('seq', p.seq, 'events', p.events, 'indicator', p.indicator) order by p.seq)
    from public.public_stream_events p where p.org_id = org.id and p.seq > p_after and p.seq <= org.last_event_seq), '[]'::jsonb));
end $$;
revoke all on function public.get_public_stream_replay(text, bigint, int, int) from public;
grant execute on function public.get_public_stream_replay(text, bigint, int, int) to anon, authenticated, service_role;
