-- =====================================================================================================
-- Status domain: service groups, services and their status history, incidents, maintenances.
-- =====================================================================================================

-- -----------------------------------------------------------------------------------------------------
-- Services
-- -----------------------------------------------------------------------------------------------------

create table public.service_groups (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 120),
  position int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id)
);
create index service_groups_org_id_idx on public.service_groups (org_id, position);
alter table public.service_groups enable row level security;

create table public.services (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  group_id uuid,
  slug text not null check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'),
  name text not null check (char_length(name) between 1 and 120),
  description text not null default '' check (char_length(description) <= 2000),
  position int not null default 0,
  is_public boolean not null default true,
  -- The shown (effective) status, derived by the API's effective-status function from the holds.
  status text not null default 'operational' check (status in
    ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
  -- The hold a person or API key last set.
  manual_status text not null default 'operational' check (manual_status in
    ('operational', 'degraded_performance', 'partial_outage', 'major_outage')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, slug),
  unique (org_id, id),
  -- A group of another org can never be referenced.
  foreign key (org_id, group_id) references public.service_groups (org_id, id) on delete set null (group_id)
);
create index services_org_id_idx on public.services (org_id, position);
create index services_group_idx on public.services (org_id, group_id);
alter table public.services enable row level security;

-- Members (and keys with a write scope) change status columns only; everything else is admin's.
create or replace function private.guard_service_update() returns trigger
language plpgsql set search_path = '' as $$
begin
  if (new.org_id, new.group_id, new.slug, new.name, new.description, new.position, new.is_public)
     is distinct from
     (old.org_id, old.group_id, old.slug, old.name, old.description, old.position, old.is_public)
     and current_user = 'authenticated'
     and not private.has_role_on_org(old.org_id, 'admin') then
    raise exception 'only admins can edit a service' using errcode = '42501';
  end if;
  return new;
end $$;
revoke all on function private.guard_service_update() from public;

create trigger services_guard_update before update on public.services
  for each row execute function private.guard_service_update();

create table public.service_status_history (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  service_id uuid not null,
  status text not null check (status in
    ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
  previous_status text check (previous_status in
    ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
  source text not null check (source in ('manual', 'incident', 'maintenance', 'alert', 'api')),
  actor jsonb,
  incident_id uuid,
  maintenance_id uuid,
  message text check (char_length(message) <= 5000),
  created_at timestamptz not null default now(),
  foreign key (org_id, service_id) references public.services (org_id, id) on delete cascade
);
create index service_status_history_service_idx on public.service_status_history (org_id, service_id, created_at);
create index service_status_history_incident_idx on public.service_status_history (org_id, incident_id);
create index service_status_history_maintenance_idx on public.service_status_history (org_id, maintenance_id);
alter table public.service_status_history enable row level security;

-- -----------------------------------------------------------------------------------------------------
-- Incidents
-- -----------------------------------------------------------------------------------------------------

create table public.incidents (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  status text not null default 'investigating'
    check (status in ('investigating', 'identified', 'monitoring', 'resolved')),
  impact text not null default 'minor' check (impact in ('none', 'minor', 'major', 'critical')),
  started_at timestamptz not null default now(),
  resolved_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  check ((status = 'resolved') = (resolved_at is not null))
);
create index incidents_org_id_idx on public.incidents (org_id, started_at desc);
create index incidents_created_by_idx on public.incidents (created_by);
alter table public.incidents enable row level security;

alter table public.service_status_history
  add foreign key (org_id, incident_id) references public.incidents (org_id, id) on delete set null (incident_id);

create table public.incident_updates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  incident_id uuid not null,
  status text not null check (status in ('investigating', 'identified', 'monitoring', 'resolved')),
  message text not null check (char_length(message) between 1 and 10000),
  author_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (org_id, incident_id) references public.incidents (org_id, id) on delete cascade
);
create index incident_updates_incident_idx on public.incident_updates (org_id, incident_id, created_at);
create index incident_updates_author_idx on public.incident_updates (author_id);
alter table public.incident_updates enable row level security;

create table public.incident_services (
  org_id uuid not null references public.organizations (id) on delete cascade,
  incident_id uuid not null,
  service_id uuid not null,
  status text not null check (status in ('operational', 'degraded_performance', 'partial_outage', 'major_outage')),
  primary key (incident_id, service_id),
  foreign key (org_id, incident_id) references public.incidents (org_id, id) on delete cascade,
  foreign key (org_id, service_id) references public.services (org_id, id) on delete cascade
);
create index incident_services_org_incident_idx on public.incident_services (org_id, incident_id);
create index incident_services_service_idx on public.incident_services (org_id, service_id);
alter table public.incident_services enable row level security;

-- -----------------------------------------------------------------------------------------------------
-- Maintenances
-- -----------------------------------------------------------------------------------------------------

create table public.maintenances (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  description text not null default '' check (char_length(description) <= 10000),
  status text not null default 'scheduled'
    check (status in ('scheduled', 'in_progress', 'completed', 'cancelled')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  check (ends_at > starts_at)
);
create index maintenances_org_id_idx on public.maintenances (org_id, starts_at desc);
create index maintenances_due_idx on public.maintenances (status, starts_at, ends_at);
create index maintenances_created_by_idx on public.maintenances (created_by);
alter table public.maintenances enable row level security;

alter table public.service_status_history
  add foreign key (org_id, maintenance_id) references public.maintenances (org_id, id) on delete set null (maintenance_id);

create table public.maintenance_updates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  maintenance_id uuid not null,
  status text not null check (status in ('scheduled', 'in_progress', 'completed', 'cancelled')),
  message text not null check (char_length(message) between 1 and 10000),
  author_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (org_id, maintenance_id) references public.maintenances (org_id, id) on delete cascade
);
create index maintenance_updates_maintenance_idx on public.maintenance_updates (org_id, maintenance_id, created_at);
create index maintenance_updates_author_idx on public.maintenance_updates (author_id);
alter table public.maintenance_updates enable row level security;

create table public.maintenance_services (
  org_id uuid not null references public.organizations (id) on delete cascade,
  maintenance_id uuid not null,
  service_id uuid not null,
  primary key (maintenance_id, service_id),
  foreign key (org_id, maintenance_id) references public.maintenances (org_id, id) on delete cascade,
  foreign key (org_id, service_id) references public.services (org_id, id) on delete cascade
);
create index maintenance_services_org_maintenance_idx on public.maintenance_services (org_id, maintenance_id);
create index maintenance_services_service_idx on public.maintenance_services (org_id, service_id);
alter table public.maintenance_services enable row level security;

-- -----------------------------------------------------------------------------------------------------
-- Policies
-- -----------------------------------------------------------------------------------------------------

create policy "Members can read their org's service groups" on public.service_groups
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Admins can create service groups" on public.service_groups
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can edit service groups" on public.service_groups
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'admin')))
  with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Admins can delete service groups" on public.service_groups
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'admin')));

create policy "Members can read their org's services" on public.services
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Admins can create services" on public.services
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'admin')));
create policy "Members can update services (admins all columns, others status only)" on public.services
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'member',
    array['status:write', 'incidents:write', 'maintenances:write', 'alerts:write'])))
  with check ((select private.has_role_on_org(org_id, 'member',
    array['status:write', 'incidents:write', 'maintenances:write', 'alerts:write'])));
create policy "Admins can delete services" on public.services
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'admin')));

create policy "Members can read their org's status history" on public.service_status_history
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Members can record status changes" on public.service_status_history
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'member',
    array['status:write', 'incidents:write', 'maintenances:write', 'alerts:write'])));

create policy "Members can read their org's incidents" on public.incidents
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Members can open incidents" on public.incidents
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'member', array['incidents:write'])));
create policy "Members can edit incidents" on public.incidents
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'member', array['incidents:write'])))
  with check ((select private.has_role_on_org(org_id, 'member', array['incidents:write'])));
create policy "Admins can delete incidents" on public.incidents
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'admin')));

create policy "Members can read their org's incident updates" on public.incident_updates
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Members can post incident updates" on public.incident_updates
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'member', array['incidents:write'])));
create policy "Members can edit incident updates" on public.incident_updates
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'member', array['incidents:write'])))
  with check ((select private.has_role_on_org(org_id, 'member', array['incidents:write'])));
create policy "Members can delete incident updates" on public.incident_updates
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'member', array['incidents:write'])));

create policy "Members can read their org's incident impact" on public.incident_services
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Members can add services to incidents" on public.incident_services
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'member', array['incidents:write'])));
create policy "Members can change an incident's impact on services" on public.incident_services
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'member', array['incidents:write'])))
  with check ((select private.has_role_on_org(org_id, 'member', array['incidents:write'])));
create policy "Members can remove services from incidents" on public.incident_services
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'member', array['incidents:write'])));

create policy "Members can read their org's maintenances" on public.maintenances
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Members can schedule maintenances" on public.maintenances
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'member', array['maintenances:write'])));
create policy "Members can edit maintenances" on public.maintenances
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'member', array['maintenances:write'])))
  with check ((select private.has_role_on_org(org_id, 'member', array['maintenances:write'])));
create policy "Members can delete maintenances" on public.maintenances
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'member', array['maintenances:write'])));

create policy "Members can read their org's maintenance updates" on public.maintenance_updates
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Members can post maintenance updates" on public.maintenance_updates
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'member', array['maintenances:write'])));
create policy "Members can edit maintenance updates" on public.maintenance_updates
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'member', array['maintenances:write'])))
  with check ((select private.has_role_on_org(org_id, 'member', array['maintenances:write'])));
create policy "Members can delete maintenance updates" on public.maintenance_updates
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'member', array['maintenances:write'])));

create policy "Members can read their org's maintenance scope" on public.maintenance_services
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Members can add services to maintenances" on public.maintenance_services
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'member', array['maintenances:write'])));
create policy "Members can remove services from maintenances" on public.maintenance_services
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'member', array['maintenances:write'])));
