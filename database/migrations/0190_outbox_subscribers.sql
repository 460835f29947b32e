-- =====================================================================================================
-- The durable outbox (deliveries written in the writer's transaction, sent by workers) and the email
-- subscribers of status pages. Design: api/src/outbox/README.md, api/src/subscribers/README.md.
-- =====================================================================================================

-- -----------------------------------------------------------------------------------------------------
-- Outbox
-- -----------------------------------------------------------------------------------------------------

-- One row per delivery: an email, a webhook call, or (`event`) an event still to be expanded into
-- its deliveries. In schema private: only the system door (service_role) and the event trigger touch
-- it, never a request role.
create table private.outbox (
  -- Stable for the delivery's whole life: the email's Message-ID, the webhook's `webhook-id`.
  id uuid primary key default gen_random_uuid(),
  -- The channel that sends it (api/src/outbox/channel.ts): 'event', 'email', 'webhook', …
  kind text not null check (kind ~ '^[a-z][a-z0-9_-]{0,39}$'),
  org_id uuid references public.organizations (id) on delete cascade,
  -- The event it notifies of (org_id + seq), when it comes from one.
  event_seq bigint,
  -- The recipient row (a subscriber, a webhook), for listing a recipient's deliveries.
  target_id uuid,
  -- What the channel needs (the rendered message, the webhook body); cleared once sent when `sensitive`.
  payload jsonb not null default '{}'::jsonb,
  sensitive boolean not null default false,
  state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
  attempts int not null default 0,
  -- '-infinity': due at once, whatever the worker's (injectable) clock says.
  next_attempt_at timestamptz not null default '-infinity',
  -- A worker that claimed the row holds it until then; a crashed worker's claim simply lapses.
  claimed_until timestamptz,
  -- Retries stop after this (24 h after it was written).
  give_up_at timestamptz not null default now() + interval '24 hours',
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  last_error text
);
-- The workers' claim query: due pending rows.
create index outbox_due_idx on private.outbox (next_attempt_at) where state = 'pending';
create index outbox_target_idx on private.outbox (target_id, created_at) where target_id is not null;
create index outbox_org_idx on private.outbox (org_id);

-- One row per attempt: when, how long, how it ended, and the answer's status code for HTTP channels.
create table private.outbox_attempts (
  id bigint generated always as identity primary key,
  delivery_id uuid not null references private.outbox (id) on delete cascade,
  attempt int not null,
  started_at timestamptz not null,
  duration_ms int not null,
  outcome text not null check (outcome in ('delivered', 'retry', 'failed')),
  response_code int,
  error text check (char_length(error) <= 2000)
);
create index outbox_attempts_delivery_idx on private.outbox_attempts (delivery_id, attempt);

revoke all on private.outbox, private.outbox_attempts from public, anon, authenticated;
grant select, insert, update, delete on private.outbox, private.outbox_attempts to service_role;

\ir ../functions/private.enqueue_event_fanout.sql
create trigger status_events_enqueue_fanout after insert on public.status_events
  for each row execute function private.enqueue_event_fanout();

-- -----------------------------------------------------------------------------------------------------
-- Status page subscribers
-- -----------------------------------------------------------------------------------------------------

-- One row per org and address. Written only by the subscribers module through the system door (a
-- visitor subscribes, confirms and unsubscribes by the mailed token); admins list and remove them.
create table public.status_subscribers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (char_length(email) between 3 and 254),
  -- The services followed; null follows all of them, new ones included.
  service_ids uuid[],
  -- Opt-in: also mail each change of a followed service's shown status.
  status_changes boolean not null default false,
  -- The token in every mailed link (confirm, manage, unsubscribe). Kept in clear because each later
  -- mail repeats the link; it only manages this one subscription.
  token text not null unique check (char_length(token) between 32 and 128),
  confirmed_at timestamptz,
  confirmation_sent_at timestamptz,
  created_at timestamptz not null default now(),
  unique (org_id, email)
);
create index status_subscribers_org_idx on public.status_subscribers (org_id, created_at, id);
alter table public.status_subscribers enable row level security;
revoke all on public.status_subscribers from anon;
revoke truncate, trigger, references on public.status_subscribers from authenticated;

create policy "Admins can read their org's subscribers" on public.status_subscribers
  for select to authenticated using ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can remove their org's subscribers" on public.status_subscribers
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'admin')));
