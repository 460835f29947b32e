/** Member roles, weakest first. */
export const memberRoles = ['viewer', 'member', 'admin'] as const;
export type MemberRole = (typeof memberRoles)[number];

/** API key scopes (docs/architecture.md, "Who may do what"). */
export const apiKeyScopes = [
  'read',
  'status:write',
  'incidents:write',
  'maintenances:write',
  'metrics:read',
  'alerts:write',
] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** True when `role` is at least `min`. */
export function roleAtLeast(role: MemberRole, min: MemberRole): boolean {
  return memberRoles.indexOf(role) >= memberRoles.indexOf(min);
}
