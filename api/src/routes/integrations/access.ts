import type { Access } from '../../http/access.ts';

/** Alertmanager's webhook: only an API key of the org with `alerts:write` (a machine endpoint). */
export const receiveAlertsAccess: Access = { kind: 'api_key', scopes: ['alerts:write'] };

/** The receiver's settings: admins only, reads included (they shape how alerts change status). */
export const manageAlertmanagerSettings: Access = { kind: 'org', role: 'admin' };
