import type { Access } from '../../http/access.ts';

/** Reading services, their history and uptime: viewer and up, or an API key with `read`. */
export const readServices: Access = { kind: 'org', role: 'viewer', scopes: ['read'] };

/** Setting a service's manual status: member and up, or an API key with `status:write`. */
export const writeServiceStatus: Access = { kind: 'org', role: 'member', scopes: ['status:write'] };

/** Creating, editing, reordering and deleting services and groups: admins only, never a key. */
export const manageServices: Access = { kind: 'org', role: 'admin' };
