-- =====================================================================================================
-- Webhook subscriptions: where an org's notifications go (signed JSON, Slack or Discord), and the
-- signing secrets. Deliveries and their attempts live in the outbox (private.outbox). Design:
-- api/src/webhooks/README.md.
-- =====================================================================================================

create table public.webhooks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  -- Checked by the API (api/src/outbound/) when saved and again before every delivery.
  url text not null check (char_length(url) between 10 and 2000),
  kind text not null check (kind in ('standard', 'slack', 'discord')),
  description text not null default '' check (char_length(description) <= 200),
  -- The services followed; null follows all of them, new ones included.
  service_ids uuid[],
  -- The notification types sent (api/src/webhooks/event-types.ts); service.status_changed is opt-in.
  event_types text[] not null check (
    cardinality(event_types) > 0 and event_types <@ array[
      'incident.created', 'incident.updated', 'incident.resolved', 'maintenance.scheduled',
      'maintenance.started', 'maintenance.completed', 'maintenance.cancelled', 'service.status_changed'
    ]::text[]),
  -- Set when deliveries stop: `gone` (the receiver answered 410), `failing` (24 h of failures).
  -- Saving the webhook again (PUT) clears it.
  disabled_at timestamptz,
  disabled_reason text check (disabled_reason in ('gone', 'failing')),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((disabled_at is null) = (disabled_reason is null))
);
create index webhooks_org_idx on public.webhooks (org_id, created_at, id);
create index webhooks_created_by_idx on public.webhooks (created_by);
alter table public.webhooks enable row level security;
revoke all on public.webhooks from anon;
revoke truncate, trigger, references on public.webhooks from authenticated;

create policy "Admins can read their org's webhooks" on public.webhooks
  for select to authenticated using ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can create webhooks" on public.webhooks
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can change webhooks" on public.webhooks
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'admin')))
  with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can delete webhooks" on public.webhooks
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'admin')));

-- The signing secrets (`whsec_` + base64 of 32 random bytes), kept apart from the rows admins read,
-- so no select, event or log line can carry one after the answer that created it. Only the system
-- (the webhook channel) reads them; admins write them through private.set_webhook_secret.
create table private.webhook_secrets (
  webhook_id uuid primary key references public.webhooks (id) on delete cascade,
  secret text not null check (secret ~ '^whsec_[A-Za-z0-9+/]{32,88}={0,2}$')
);
revoke all on private.webhook_secrets from public, anon, authenticated;
grant select, insert, update, delete on private.webhook_secrets to service_role;

\ir ../functions/private.set_webhook_secret.sql
