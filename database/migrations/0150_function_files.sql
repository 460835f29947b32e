-- =====================================================================================================
-- From here on every function's current definition lives in database/functions/, one file each, and a
-- migration applies a file with psql's include-relative directive (`\ir`), which the runner expands
-- (api/src/db/function-files.ts). This one applies them all once: each text is the definition the
-- migrations before it left, so nothing changes on any database; from now on a function changes by
-- editing its file and adding a migration that includes it again (database/functions/README.md).
-- =====================================================================================================

\ir ../functions/private.assign_event_seq.sql
\ir ../functions/private.claims.sql
\ir ../functions/private.create_profile_for_user.sql
\ir ../functions/private.guard_service_update.sql
\ir ../functions/private.has_role_on_org.sql
\ir ../functions/private.keep_last_admin.sql
\ir ../functions/private.keep_slug_alias.sql
\ir ../functions/private.public_diff.sql
\ir ../functions/private.public_incident_json.sql
\ir ../functions/private.public_indicator.sql
\ir ../functions/private.public_maintenance_json.sql
\ir ../functions/private.record_public_stream_event.sql
\ir ../functions/private.refuse_alias_slug.sql
\ir ../functions/private.request_caller.sql
\ir ../functions/private.role_rank.sql
\ir ../functions/private.shares_org_with.sql
\ir ../functions/public.create_organization.sql
\ir ../functions/public.get_public_history.sql
\ir ../functions/public.get_public_logo.sql
\ir ../functions/public.get_public_status.sql
\ir ../functions/public.get_public_status_changes.sql
\ir ../functions/public.get_public_stream_replay.sql
\ir ../functions/public.list_organization_members.sql
\ir ../functions/public.resolve_org_slug.sql
\ir ../functions/public.resolve_public_stream.sql
