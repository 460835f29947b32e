-- =====================================================================================================
-- Incident and maintenance templates: the text, impact and affected services an org reuses when it
-- opens an incident or schedules a maintenance (docs/architecture.md, "Templates").
-- =====================================================================================================

-- -----------------------------------------------------------------------------------------------------
-- Tables
-- -----------------------------------------------------------------------------------------------------

create table public.templates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  kind text not null check (kind in ('incident', 'maintenance')),
  name text not null check (char_length(name) between 1 and 120),
  title text not null check (char_length(title) between 1 and 200),
  message text not null default '' check (char_length(message) <= 10000),
  -- An incident template's impact; a maintenance has none.
  impact text check (impact in ('none', 'minor', 'major', 'critical')),
  -- A maintenance template's usual length of window; an incident has none.
  duration_minutes int check (duration_minutes between 1 and 43200),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  -- Carried into template_services, so a service row always knows which scope may write it.
  unique (org_id, id, kind),
  unique (org_id, name),
  check ((kind = 'incident') = (impact is not null)),
  check (kind = 'maintenance' or duration_minutes is null)
);
create index templates_created_by_idx on public.templates (created_by);
alter table public.templates enable row level security;

-- The services a template affects. The composite keys keep every row inside one org: a template
-- cannot name another org's service, and deleting a service takes it out of the templates.
create table public.template_services (
  org_id uuid not null references public.organizations (id) on delete cascade,
  template_id uuid not null,
  kind text not null check (kind in ('incident', 'maintenance')),
  service_id uuid not null,
  -- The status an incident holds the service at; a maintenance shows `under_maintenance` instead.
  status text check (status in ('operational', 'degraded_performance', 'partial_outage', 'major_outage')),
  position int not null default 0,
  primary key (template_id, service_id),
  foreign key (org_id, template_id, kind) references public.templates (org_id, id, kind) on delete cascade,
  foreign key (org_id, service_id) references public.services (org_id, id) on delete cascade,
  check ((kind = 'incident') = (status is not null))
);
create index template_services_org_template_idx on public.template_services (org_id, template_id, kind);
create index template_services_service_idx on public.template_services (org_id, service_id);
alter table public.template_services enable row level security;

-- -----------------------------------------------------------------------------------------------------
-- Policies: viewers read; an incident template is written like an incident (members, keys with
-- `incidents:write`), a maintenance template like a maintenance (`maintenances:write`).
-- -----------------------------------------------------------------------------------------------------

create policy "Members can read their org's templates" on public.templates
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Members can create templates" on public.templates
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'member',
    array[case kind when 'incident' then 'incidents:write' else 'maintenances:write' end])));
create policy "Members can edit templates" on public.templates
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'member',
    array[case kind when 'incident' then 'incidents:write' else 'maintenances:write' end])))
  with check ((select private.has_role_on_org(org_id, 'member',
    array[case kind when 'incident' then 'incidents:write' else 'maintenances:write' end])));
create policy "Members can delete templates" on public.templates
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'member',
    array[case kind when 'incident' then 'incidents:write' else 'maintenances:write' end])));

create policy "Members can read their org's template services" on public.template_services
  for select to authenticated using ((select private.has_role_on_org(org_id, 'viewer', array['read'])));
create policy "Members can add services to templates" on public.template_services
  for insert to authenticated with check ((select private.has_role_on_org(org_id, 'member',
    array[case kind when 'incident' then 'incidents:write' else 'maintenances:write' end])));
create policy "Members can change a template's services" on public.template_services
  for update to authenticated
  using ((select private.has_role_on_org(org_id, 'member',
    array[case kind when 'incident' then 'incidents:write' else 'maintenances:write' end])))
  with check ((select private.has_role_on_org(org_id, 'member',
    array[case kind when 'incident' then 'incidents:write' else 'maintenances:write' end])));
create policy "Members can remove services from templates" on public.template_services
  for delete to authenticated using ((select private.has_role_on_org(org_id, 'member',
    array[case kind when 'incident' then 'incidents:write' else 'maintenances:write' end])));
