import type { Access } from '../../http/access.ts';

/** Reading maintenances: viewers and up, API keys with `read`. */
export const readMaintenances: Access = { kind: 'org', role: 'viewer', scopes: ['read'] };
/** Scheduling, editing, cancelling and deleting maintenances: members and up, keys with `maintenances:write`. */
export const writeMaintenances: Access = { kind: 'org', role: 'member', scopes: ['maintenances:write'] };
