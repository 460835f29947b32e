-- Fires for every event appendEvent writes, in the writer's transaction: the events that notify
-- someone (subscribers, webhooks) get one `event` row in the outbox, which a worker later expands
-- into one delivery per recipient (api/src/outbox/README.md). Written here, so no status writer can
-- commit an incident change whose notifications are lost; expanded later, so a write does not pay
-- for every subscriber. `pg_notify` wakes the workers at commit.
create or replace function private.enqueue_event_fanout() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.type in ('incident.created', 'incident.updated', 'incident.resolved', 'incident_update.created',
                  'maintenance.created', 'maintenance.started', 'maintenance.completed',
                  'maintenance.cancelled', 'service.status_changed') then
    insert into private.outbox (kind, org_id, event_seq, payload)
    values ('event', new.org_id, new.seq, '{}'::jsonb);
    perform pg_notify('lantern_outbox', '');
  end if;
  return null;
end;
$$;
revoke all on function private.enqueue_event_fanout() from public;
