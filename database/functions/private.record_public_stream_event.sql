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
