import type { Access } from '../../http/access.ts';

/** Reading incidents: viewers and up, API keys with `read`. */
export const readIncidents: Access = { kind: 'org', role: 'viewer', scopes: ['read'] };
/** Opening, editing and resolving incidents: members and up, API keys with `incidents:write`. */
export const writeIncidents: Access = { kind: 'org', role: 'member', scopes: ['incidents:write'] };
/** Deleting an incident erases history: admins only, no API key. */
export const deleteIncidents: Access = { kind: 'org', role: 'admin' };
