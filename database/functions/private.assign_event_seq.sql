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
