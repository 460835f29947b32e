-- =====================================================================================================
-- The public stream's projection of the event log.
-- Each event's effect on the PUBLIC view is recorded at commit, under the org's row lock: the public
-- view (get_public_status) after the transaction is compared with the one after the previous event,
-- and the difference is stored beside the event. Replay and live delivery both read it, in every API
-- process, so the public stream is exact and identical everywhere: private changes produce no row,
-- an entity leaving the public view is recorded as `deleted: true`, one entering it as its state.
-- =====================================================================================================

-- The org's public view after its latest event (the base the next event is compared with).
create table public.public_stream_state (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  seq bigint not null,
  view jsonb not null,
  updated_at timestamptz not null default now()
);
alter table public.public_stream_state enable row level security;

-- What an event changed in the public view: [{type, data}], type in service|incident|maintenance|
-- organization; only events that changed something public have a row.
create table public.public_stream_events (
  org_id uuid not null,
  seq bigint not null,
  events jsonb not null check (jsonb_typeof(events) = 'array'),
  indicator text not null,
  primary key (org_id, seq),
  foreign key (org_id, seq) references public.status_events (org_id, seq) on delete cascade
);
alter table public.public_stream_events enable row level security;

create policy "Members can read their org's public stream state" on public.public_stream_state
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Members can read their org's public stream events" on public.public_stream_events
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
-- No insert, update or delete policy: only the commit trigger below writes these tables.

-- -----------------------------------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------------------------------

-- The overall indicator of a public view (Statuspage's status.indicator, plus maintenance).
create or replace function private.public_indicator(p_view jsonb) returns text
language sql immutable set search_path = '' as $$
  with s as (select x ->> 'status' as status from jsonb_array_elements(coalesce(p_view -> 'services', '[]')) x),
  i as (select x ->> 'impact' as impact from jsonb_array_elements(coalesce(p_view -> 'incidents', '[]')) x
        where x ->> 'status' <> 'resolved')
  select case
    when exists (select 1 from s where status = 'major_outage') or exists (select 1 from i where impact = 'critical') then 'critical'
    when exists (select 1 from s where status = 'partial_outage') or exists (select 1 from i where impact = 'major') then 'major'
    when exists (select 1 from s where status = 'degraded_performance') or exists (select 1 from i where impact = 'minor') then 'minor'
    when exists (select 1 from s where status = 'under_maintenance')
      or exists (select 1 from jsonb_array_elements(coalesce(p_view -> 'maintenances', '[]')) m where m ->> 'status' = 'in_progress') then 'maintenance'
    else 'none'
  end
$$;
revoke all on function private.public_indicator(jsonb) from public;
grant execute on function private.public_indicator(jsonb) to anon, authenticated, service_role;

-- The entities of one kind that differ between two views: the new state, or {id, deleted: true}.
create or replace function private.public_diff(p_old jsonb, p_new jsonb, p_type text) returns jsonb
language sql immutable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('type', p_type, 'data',
           case when n.v is null then jsonb_build_object('id', o.id, 'deleted', true)
                else jsonb_build_object(p_type, n.v) end) order by coalesce(n.ord, o.ord)), '[]'::jsonb)
  from (select x ->> 'id' as id, x as v, ord from jsonb_array_elements(coalesce(p_old, '[]')) with ordinality t(x, ord)) o
  full join (select x ->> 'id' as id, x as v, ord from jsonb_array_elements(coalesce(p_new, '[]')) with ordinality t(x, ord)) n
    on n.id = o.id
  where o.v is distinct from n.v
$$;
revoke all on function private.public_diff(jsonb, jsonb, text) from public;

-- -----------------------------------------------------------------------------------------------------
-- The commit trigger
-- -----------------------------------------------------------------------------------------------------

-- Runs at commit (deferred), so it sees the whole transaction's changes whatever the order of the
-- writer's statements; the org row is still locked by the seq assignment, so orgs' events are
-- projected one after another in seq order. Several events of one transaction: the first carries the
-- whole difference, the others find nothing new.
create or replace function private.record_public_stream_event() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  org_slug text;
  cur jsonb;
  prev jsonb;
  diff jsonb;
begin
  select o.slug into org_slug from public.organizations o where o.id = new.org_id;
  cur := public.get_public_status(org_slug) - 'seq';
  if cur is null then
    return null;
  end if;
  -- The page's "last updated" moves with every event, private ones included: comparing it would put
  -- every private change on the public stream.
  cur := jsonb_set(cur, '{organization}', (cur -> 'organization') - 'updated_at');
  select s.view into prev from public.public_stream_state s where s.org_id = new.org_id;
  prev := coalesce(prev, '{}'::jsonb);
  diff := '[]'::jsonb;
  if (prev -> 'organization', prev -> 'groups') is distinct from (cur -> 'organization', cur -> 'groups') then
    diff := diff || jsonb_build_array(jsonb_build_object('type', 'organization', 'data',
      jsonb_build_object('organization', cur -> 'organization', 'groups', cur -> 'groups')));
  end if;
  diff := diff || private.public_diff(prev -> 'services', cur -> 'services', 'service')
               || private.public_diff(prev -> 'incidents', cur -> 'incidents', 'incident')
               || private.public_diff(prev -> 'maintenances', cur -> 'maintenances', 'maintenance');
  if jsonb_array_length(diff) > 0 then
    insert into public.public_stream_events (org_id, seq, events, indicator)
      values (new.org_id, new.seq, diff, private.public_indicator(cur));
  end if;
  insert into public.public_stream_state (org_id, seq, view) values (new.org_id, new.seq, cur)
    on conflict (org_id) do update set seq = excluded.seq, view = excluded.view, updated_at = now();
  return null;
end $$;
revoke all on function private.record_public_stream_event() from public;

create constraint trigger status_events_public_stream after insert on public.status_events
  deferrable initially deferred
  for each row execute function private.record_public_stream_event();

-- -----------------------------------------------------------------------------------------------------
-- The anonymous door of the public stream
-- -----------------------------------------------------------------------------------------------------

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
