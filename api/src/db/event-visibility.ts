/**
 * Event families about what only admins may read (invitations, API keys, Alertmanager settings, webhooks: docs/architecture.md, "Who
 * may do what" and "Event visibility"). Viewers, members and `read` keys do not get their payloads, in
 * the audit trail or on the org stream, or the log would hand them an invitee's email and the keys'
 * names and scopes that the admin-only routes refuse.
 */
export const adminOnlyEventFamilies = ['invitation', 'api_key', 'alertmanager_settings', 'webhook'] as const;

/** True when only admins may read this event type's payload. */
export function isAdminOnlyEvent(type: string): boolean {
  const family = type.slice(0, type.indexOf('.'));
  return (adminOnlyEventFamilies as readonly string[]).includes(family);
}
