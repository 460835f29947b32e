import { roleAtLeast, type ApiKeyScope, type MemberRole } from '../../../api/src/contract/roles.ts';
import type { Identity, OrgWorld } from './tenant-matrix-world.ts';

export type Operation = 'select' | 'insert' | 'update' | 'delete';
export const operations: Operation[] = ['select', 'insert', 'update', 'delete'];

/**
 * Who may do one operation on one org's rows: members of at least `role`, API keys of that org with
 * one of `scopes`. `callerOnly`: besides, only the caller that owns the row (idempotency keys).
 * The intended permissions, written down independently of the policies (docs/architecture.md, "Who
 * may do what"); nobody is ever allowed anything on another org's rows.
 */
export interface Grant {
  role?: MemberRole;
  scopes?: readonly ApiKeyScope[];
  callerOnly?: boolean;
}

export type Grants = Record<Operation, Grant>;

const writeScopes: readonly ApiKeyScope[] = ['status:write', 'incidents:write', 'maintenances:write', 'alerts:write'];

export const nobody: Grant = {};
/** Viewers and up, keys with `read` (every write scope implies `read`; `metrics:read` does not). */
export const readers: Grant = { role: 'viewer', scopes: ['read'] };
export const admins: Grant = { role: 'admin' };
/** Members and up, and keys with any write scope: status changes. */
export const statusWriters: Grant = { role: 'member', scopes: writeScopes };
export const incidentWriters: Grant = { role: 'member', scopes: ['incidents:write'] };
/** Incident writes the Alertmanager receiver makes as its `alerts:write` key (migration 0160). */
export const incidentOrAlertWriters: Grant = { role: 'member', scopes: ['incidents:write', 'alerts:write'] };
/** Admins and `alerts:write` keys: the receiver's settings (read) and its holds (write). */
export const alertWriters: Grant = { role: 'admin', scopes: ['alerts:write'] };
export const maintenanceWriters: Grant = { role: 'member', scopes: ['maintenances:write'] };

/** Whether `who` is meant to be able to do `op` (granted by `grant`) on a row of `org`. */
export function isAllowed(who: Identity, op: Operation, grant: Grant, org: OrgWorld): boolean {
  if (grant.callerOnly && op !== 'insert' && who.caller !== org.writerCaller) return false;
  const role = who.memberships[org.label];
  if (role) return grant.role !== undefined && roleAtLeast(role, grant.role);
  if (who.keyScope && org.label === 'A') {
    const scope = who.keyScope;
    return (grant.scopes ?? []).some((s) => s === scope || (s === 'read' && writeScopes.includes(scope)));
  }
  return false;
}
