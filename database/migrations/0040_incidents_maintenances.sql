-- =====================================================================================================
-- Incidents and maintenances: what the API and the maintenance scheduler need beyond 0003.
-- =====================================================================================================

-- -----------------------------------------------------------------------------------------------------
-- Authors that are API keys
-- -----------------------------------------------------------------------------------------------------

-- A script's update has no user behind it; naming the key keeps the timeline's "who" truthful.
alter table public.incident_updates
  add column author_key_id uuid references public.api_keys (id) on delete set null;
create index incident_updates_author_key_idx on public.incident_updates (author_key_id);

alter table public.maintenance_updates
  add column author_key_id uuid references public.api_keys (id) on delete set null;
create index maintenance_updates_author_key_idx on public.maintenance_updates (author_key_id);

-- -----------------------------------------------------------------------------------------------------
-- Timeline order
-- -----------------------------------------------------------------------------------------------------

-- Two entries can share a `created_at` (same millisecond, or a backdated one); insertion order breaks
-- the tie so a timeline never reorders between reads.
alter table public.incident_updates add column entry_no bigint generated always as identity;
alter table public.maintenance_updates add column entry_no bigint generated always as identity;

-- -----------------------------------------------------------------------------------------------------
-- The instants a maintenance window really started and ended
-- -----------------------------------------------------------------------------------------------------

-- `starts_at`/`ends_at` are the plan; these record what happened. A window that passed entirely while
-- no scheduler ran is completed without ever being started: `started_at` stays null, so history and
-- uptime never count a maintenance that nobody saw take effect.
alter table public.maintenances
  add column started_at timestamptz,
  add column completed_at timestamptz;

-- The scheduler's due query: only windows that can still change state.
create index maintenances_open_due_idx on public.maintenances (starts_at, ends_at)
  where status in ('scheduled', 'in_progress');
