-- =====================================================================================================
-- The tenant's Prometheus endpoint (GET /api/organizations/:orgId/metrics) reads through these two
-- functions. Its callers are the org's admins and API keys with `metrics:read`, a scope that on
-- purpose grants no table reads (0001: `read` is not implied by it), so such a key learns these
-- numbers and nothing else. Security definer, callable by `authenticated` only, and each checks the
-- caller itself with private.has_role_on_org: anyone else (another org's key, a viewer) gets nothing.
-- =====================================================================================================

\ir ../functions/public.get_org_metrics.sql
\ir ../functions/public.get_org_status_changes.sql
