-- =====================================================================================================
-- Alertmanager receiver: per-org settings and the holds firing alerts put on services.
-- Design and wire format: api/src/alerts/README.md.
-- =====================================================================================================

-- -----------------------------------------------------------------------------------------------------
-- Settings
-- -----------------------------------------------------------------------------------------------------

-- One row per org that changed a default; an org without a row uses the defaults below (the API
-- answers them), so the receiver works the moment a key with `alerts:write` exists.
create table public.alertmanager_settings (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  -- Prometheus label names (model.LabelNameRE).
  service_label text not null default 'service' check (service_label ~ '^[a-zA-Z_][a-zA-Z0-9_]{0,99}$'),
  severity_label text not null default 'severity' check (severity_label ~ '^[a-zA-Z_][a-zA-Z0-9_]{0,99}$'),
  status_label text not null default 'status' check (status_label ~ '^[a-zA-Z_][a-zA-Z0-9_]{0,99}$'),
  -- severity label value → status a firing alert holds its service at.
  severity_map jsonb not null
    default '{"critical": "major_outage", "warning": "partial_outage", "info": "degraded_performance"}'::jsonb
    check (jsonb_typeof(severity_map) = 'object'),
  -- For a severity the map does not name (or no severity label at all).
  unknown_severity_status text not null default 'degraded_performance'
    check (unknown_severity_status in ('degraded_performance', 'partial_outage', 'major_outage')),
  -- Whether firing alerts open an incident per service while any alert holds it.
  open_incidents boolean not null default true,
  -- How long a firing alert that carries no `endsAt` (Alertmanager never sends one for a firing
  -- alert) holds after it was last received: longer than the route's repeat_interval (default 4 h).
  hold_timeout_seconds int not null default 18000 check (hold_timeout_seconds between 60 and 604800),
  updated_at timestamptz not null default now()
);
alter table public.alertmanager_settings enable row level security;

-- -----------------------------------------------------------------------------------------------------
-- Alert holds
-- -----------------------------------------------------------------------------------------------------

-- One row per alert (org + Alertmanager fingerprint). It holds its service at `status` while
-- `resolved_at` is null; a resolved row stays (until the scheduler prunes it) so that a late,
-- out-of-order copy of the same alert (same or older `starts_at`) cannot bring the hold back.
create table public.alert_holds (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  fingerprint text not null check (char_length(fingerprint) between 1 and 128),
  service_id uuid not null,
  alertname text not null default '' check (char_length(alertname) <= 200),
  status text not null check (status in ('degraded_performance', 'partial_outage', 'major_outage')),
  starts_at timestamptz not null,
  -- The alert's own `endsAt` when it carried a real one.
  ends_at timestamptz,
  -- When the hold lapses without a repeat: `ends_at`, else last received + the org's hold timeout.
  expires_at timestamptz not null,
  last_received_at timestamptz not null,
  resolved_at timestamptz,
  resolution text check (resolution in ('resolved', 'expired')),
  summary text not null default '' check (char_length(summary) <= 500),
  labels jsonb not null default '{}'::jsonb check (jsonb_typeof(labels) = 'object'),
  annotations jsonb not null default '{}'::jsonb check (jsonb_typeof(annotations) = 'object'),
  -- The incident this alert's service got while alerts held it.
  incident_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, fingerprint),
  check ((resolved_at is null) = (resolution is null)),
  foreign key (org_id, service_id) references public.services (org_id, id) on delete cascade,
  foreign key (org_id, incident_id) references public.incidents (org_id, id) on delete set null (incident_id)
);
create index alert_holds_service_idx on public.alert_holds (org_id, service_id);
create index alert_holds_incident_idx on public.alert_holds (org_id, incident_id);
-- The scheduler's due query: firing holds by expiry.
create index alert_holds_expiry_idx on public.alert_holds (expires_at) where resolved_at is null;
alter table public.alert_holds enable row level security;

-- Like every table: nothing for anon, nothing row level security does not cover.
revoke all on public.alertmanager_settings, public.alert_holds from anon;
revoke truncate, trigger, references on public.alertmanager_settings, public.alert_holds from authenticated;

-- -----------------------------------------------------------------------------------------------------
-- Policies
-- -----------------------------------------------------------------------------------------------------

-- The receiver (an `alerts:write` key) reads the settings it applies; admins manage them.
create policy "Admins and alert keys can read the Alertmanager settings" on public.alertmanager_settings
  for select to authenticated using ((select private.has_role_on_org(org_id, 'admin', array['alerts:write'])));
create policy "Admins can create the Alertmanager settings" on public.alertmanager_settings
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can change the Alertmanager settings" on public.alertmanager_settings
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'admin')))
  with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can delete the Alertmanager settings" on public.alertmanager_settings
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'admin')));

-- Every status writer recomputes services, so every reader must see the holds (write keys imply read).
create policy "Members can read their org's alert holds" on public.alert_holds
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Alert keys and admins can record alert holds" on public.alert_holds
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'admin', array['alerts:write'])));
create policy "Alert keys and admins can change alert holds" on public.alert_holds
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'admin', array['alerts:write'])))
  with check ((select private.has_role_on_org(org_id, 'admin', array['alerts:write'])));
create policy "Alert keys and admins can delete alert holds" on public.alert_holds
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'admin', array['alerts:write'])));

-- -----------------------------------------------------------------------------------------------------
-- Incidents opened by alerts
-- -----------------------------------------------------------------------------------------------------

-- The receiver opens, updates and resolves an incident per alerted service as the key itself (so the
-- audit trail names the key): `alerts:write` joins `incidents:write` on the writes it needs.
alter policy "Members can open incidents" on public.incidents
  with check ((select private.has_role_on_org(org_id, 'member', array['incidents:write', 'alerts:write'])));
alter policy "Members can edit incidents" on public.incidents
  using ((select private.has_role_on_org(org_id, 'member', array['incidents:write', 'alerts:write'])))
  with check ((select private.has_role_on_org(org_id, 'member', array['incidents:write', 'alerts:write'])));
alter policy "Members can post incident updates" on public.incident_updates
  with check ((select private.has_role_on_org(org_id, 'member', array['incidents:write', 'alerts:write'])));
alter policy "Members can add services to incidents" on public.incident_services
  with check ((select private.has_role_on_org(org_id, 'member', array['incidents:write', 'alerts:write'])));
alter policy "Members can change an incident's impact on services" on public.incident_services
  using ((select private.has_role_on_org(org_id, 'member', array['incidents:write', 'alerts:write'])))
  with check ((select private.has_role_on_org(org_id, 'member', array['incidents:write', 'alerts:write'])));
alter policy "Members can remove services from incidents" on public.incident_services
  using ((select private.has_role_on_org(org_id, 'member', array['incidents:write', 'alerts:write'])));
