-- =====================================================================================================
-- Post-mortems: a resolved incident's write-up, in the Markdown subset of timeline updates
-- (api/src/markdown/), shown on the incident's public page. Written through
-- PUT /api/organizations/:orgId/incidents/:id/postmortem (api/src/incidents/postmortem.ts).
-- =====================================================================================================

alter table public.incidents
  add column postmortem text check (char_length(postmortem) between 1 and 50000),
  add column postmortem_updated_at timestamptz,
  -- Both or neither: the time says when the text last changed.
  add constraint incidents_postmortem_time check ((postmortem is null) = (postmortem_updated_at is null));

-- The public record carries the post-mortem, so the public stream, the snapshot and the static pages
-- see it like any other change of the incident.
\ir ../functions/private.public_incident_json.sql
