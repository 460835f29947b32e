/**
 * What each tag of the route table groups, for the document's `tags` (and the lint's
 * `tag-description` rule): a route with a tag missing here fails the OpenAPI lint test.
 */
export const tagDescriptions: Readonly<Record<string, string>> = {
  health: 'Liveness and readiness of the server and its database.',
  auth: 'Accounts and sessions of the local auth provider (or the Supabase Auth bridge).',
  organizations: 'Organizations (tenants): settings, slug, logo, deletion.',
  members: 'Members of an organization and their roles; inviting by email.',
  invitations: 'Pending invitations: list, resend, revoke, look up and accept a link.',
  services: 'Services shown on the status page, their manual status, history, uptime and order.',
  'service groups': 'Groups that services are shown in.',
  incidents: 'Incidents, their timeline of updates, and resolving them.',
  maintenances: 'Scheduled maintenances and their updates.',
  templates: 'Incident and maintenance templates: the text, impact and services an organization reuses.',
  'api-keys': 'API keys of an organization (`lsk_…`), with scopes.',
  audit: "The organization's event log: who changed what, when, from which source.",
  integrations: 'Alertmanager webhooks and their mapping settings.',
  webhooks: 'Outgoing webhooks of an organization: signed JSON, Slack or Discord; their deliveries.',
  subscribers: "The status page's email subscribers (admins): list, search, export, remove.",
  streams: 'Server-sent event streams: live org events and live public status.',
  public: 'The public read API of status pages: no authentication, any origin.',
  metrics: 'Prometheus metrics of the operator and of each organization.',
  meta: 'This API describing itself: the OpenAPI document and the reference page.',
};
