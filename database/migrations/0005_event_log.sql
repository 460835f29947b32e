-- =====================================================================================================
-- The event log: one row per change anyone can see, the transactional outbox and the audit trail.
-- Append-only: there is no update or delete policy, so both are refused.
-- =====================================================================================================

create table public.status_events (
  org_id uuid not null references public.organizations (id) on delete cascade,
  seq bigint not null check (seq > 0),
  type text not null check (type ~ '^[a-z_]+\.[a-z_]+$'),
  payload jsonb not null default '{}'::jsonb,
  actor jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  primary key (org_id, seq)
);
create index status_events_org_created_idx on public.status_events (org_id, created_at desc);
alter table public.status_events enable row level security;

-- The per-org seq is taken under the org's row lock inside the writing transaction, so commit order
-- equals seq order: a reader that has seen seq n never later finds a new n-1 (a sequence would let 7
-- commit before 6). The actor is taken from the request's claims, so callers cannot forge it.
create or replace function private.assign_event_seq() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  c jsonb := private.claims();
begin
  update public.organizations set last_event_seq = last_event_seq + 1
    where id = new.org_id returning last_event_seq into new.seq;
  if new.seq is null then
    raise exception 'organization % does not exist', new.org_id using errcode = '23503';
  end if;
  if c ? 'key_id' then
    new.actor := jsonb_build_object('type', 'api_key', 'id', c ->> 'key_id');
  elsif c ? 'sub' and coalesce(c ->> 'role', '') <> 'service_role' then
    new.actor := jsonb_build_object('type', 'user', 'id', c ->> 'sub');
  elsif new.actor = '{}'::jsonb then
    new.actor := jsonb_build_object('type', 'system');
  end if;
  new.created_at := now();
  perform pg_notify('status_events', new.org_id::text || ':' || new.seq::text);
  return new;
end $$;
revoke all on function private.assign_event_seq() from public;

create trigger status_events_assign_seq before insert on public.status_events
  for each row execute function private.assign_event_seq();

create policy "Members can read their org's events" on public.status_events
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
-- Whoever may change the org's data records what they changed; the trigger fills seq and actor.
-- Viewers and `read` keys change nothing, so they append nothing: otherwise they could put made-up
-- states on the org's stream and into its audit trail.
create policy "Members can append their org's events" on public.status_events
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'member',
    array['status:write', 'incidents:write', 'maintenances:write', 'alerts:write'])));
