import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../../api/src/db/types.ts';
import { asSystem } from '../../../api/src/db/doors.ts';
import type { OrgWorld } from './tenant-matrix-world.ts';
import {
  admins,
  alertWriters,
  incidentOrAlertWriters,
  incidentWriters,
  maintenanceWriters,
  nobody,
  readers,
  statusWriters,
  type Grants,
} from './access-rules.ts';

export interface Sql {
  sql: string;
  params: unknown[];
}

/** How to make a row of one org, and who may do what with it. */
export interface RowFactory {
  grants: Grants;
  /** An insert of a new row of `org`; `caller` is the inserting identity's request caller. */
  insert(org: OrgWorld, caller: string): Sql;
  /**
   * The primary key of an existing row of `org` that select/update/delete aim at. Default: the
   * system inserts one with `insert`.
   */
  existing?(db: Database, org: OrgWorld): Promise<Record<string, unknown>>;
}

const slug = () => `t-${randomUUID().slice(0, 8)}`;
const token = () => randomBytes(16).toString('hex');
const sql = (text: string, ...params: unknown[]): Sql => ({ sql: text, params });
const readOnly = (select = readers): Grants => ({ select, insert: nobody, update: nobody, delete: nobody });

/**
 * Every table of schema public. A table missing here fails the RLS matrix: each new table states
 * how its rows are made and who may touch them.
 */
export const rowFactories: Record<string, RowFactory> = {
  organizations: {
    grants: { select: readers, insert: nobody, update: admins, delete: admins },
    insert: () => sql(`insert into public.organizations (slug, name) values ($1, 'New org')`, slug()),
    existing: async (_db, org) => ({ id: org.id }),
  },
  organization_slug_aliases: {
    grants: readOnly(),
    insert: (org) => sql(`insert into public.organization_slug_aliases (slug, org_id) values ($1, $2)`, slug(), org.id),
  },
  organization_logos: {
    grants: { select: readers, insert: admins, update: admins, delete: admins },
    insert: (org) =>
      sql(
        `insert into public.organization_logos (org_id, content_type, bytes) values ($1, 'image/png', '\\x89504e47')`,
        org.id,
      ),
  },
  profiles: {
    // Fellow members read each other's profiles; keys have no user behind them.
    grants: readOnly({ role: 'viewer' }),
    insert: (org) =>
      sql(`insert into public.profiles (user_id, email) values ($1, 'x@example.test')`, org.subjectUserId),
    existing: async (_db, org) => ({ user_id: org.subjectUserId }),
  },
  organization_members: {
    grants: { select: readers, insert: admins, update: admins, delete: admins },
    insert: (org) =>
      sql(
        `insert into public.organization_members (org_id, user_id, role) values ($1, $2, 'viewer')`,
        org.id,
        org.subjectUserId,
      ),
    existing: async (_db, org) => ({ org_id: org.id, user_id: org.subjectUserId }),
  },
  invitations: {
    grants: { select: admins, insert: admins, update: admins, delete: admins },
    insert: (org) =>
      sql(
        `insert into public.invitations (org_id, email, role, token_hash, expires_at)
         values ($1, 'new@example.test', 'member', $2, now() + interval '1 day')`,
        org.id,
        token(),
      ),
  },
  // A user's own sessions and email tokens: nobody else's, whatever their role.
  refresh_tokens: {
    grants: readOnly(nobody),
    insert: (org) =>
      sql(
        `insert into public.refresh_tokens (user_id, family_id, token_hash, expires_at)
         values ($1, gen_random_uuid(), $2, now() + interval '1 day')`,
        org.subjectUserId,
        token(),
      ),
  },
  auth_tokens: {
    grants: readOnly(nobody),
    insert: (org) =>
      sql(
        `insert into public.auth_tokens (user_id, purpose, token_hash, expires_at)
         values ($1, 'verify_email', $2, now() + interval '1 day')`,
        org.subjectUserId,
        token(),
      ),
  },
  service_groups: {
    grants: { select: readers, insert: admins, update: admins, delete: admins },
    insert: (org) => sql(`insert into public.service_groups (org_id, name) values ($1, 'Group')`, org.id),
  },
  services: {
    // Members update status columns only (services-edit-rights.test.ts checks the columns).
    grants: { select: readers, insert: admins, update: statusWriters, delete: admins },
    insert: (org) => sql(`insert into public.services (org_id, slug, name) values ($1, $2, 'Service')`, org.id, slug()),
  },
  service_status_history: {
    grants: { select: readers, insert: statusWriters, update: nobody, delete: nobody },
    insert: (org) =>
      sql(
        `insert into public.service_status_history (org_id, service_id, status, source)
         values ($1, $2, 'major_outage', 'manual')`,
        org.id,
        org.serviceId,
      ),
  },
  incidents: {
    grants: { select: readers, insert: incidentOrAlertWriters, update: incidentOrAlertWriters, delete: admins },
    insert: (org) => sql(`insert into public.incidents (org_id, title) values ($1, 'Incident')`, org.id),
  },
  incident_updates: {
    grants: { select: readers, insert: incidentOrAlertWriters, update: incidentWriters, delete: incidentWriters },
    insert: (org) =>
      sql(
        `insert into public.incident_updates (org_id, incident_id, status, message) values ($1, $2, 'identified', 'Found it')`,
        org.id,
        org.incidentId,
      ),
  },
  incident_services: {
    grants: {
      select: readers,
      insert: incidentOrAlertWriters,
      update: incidentOrAlertWriters,
      delete: incidentOrAlertWriters,
    },
    insert: (org) =>
      sql(
        `insert into public.incident_services (org_id, incident_id, service_id, status) values ($1, $2, $3, 'major_outage')`,
        org.id,
        org.incidentId,
        org.serviceId,
      ),
  },
  maintenances: {
    grants: { select: readers, insert: maintenanceWriters, update: maintenanceWriters, delete: maintenanceWriters },
    insert: (org) =>
      sql(
        `insert into public.maintenances (org_id, title, starts_at, ends_at)
         values ($1, 'Window', now() + interval '1 day', now() + interval '2 days')`,
        org.id,
      ),
  },
  maintenance_updates: {
    grants: { select: readers, insert: maintenanceWriters, update: maintenanceWriters, delete: maintenanceWriters },
    insert: (org) =>
      sql(
        `insert into public.maintenance_updates (org_id, maintenance_id, status, message) values ($1, $2, 'scheduled', 'Soon')`,
        org.id,
        org.maintenanceId,
      ),
  },
  maintenance_services: {
    grants: { select: readers, insert: maintenanceWriters, update: nobody, delete: maintenanceWriters },
    insert: (org) =>
      sql(
        `insert into public.maintenance_services (org_id, maintenance_id, service_id) values ($1, $2, $3)`,
        org.id,
        org.maintenanceId,
        org.serviceId,
      ),
  },
  // An incident template's rows (the factory's kind); a maintenance template's need maintenances:write
  // instead (template-kind-scopes.test.ts).
  templates: {
    grants: { select: readers, insert: incidentWriters, update: incidentWriters, delete: incidentWriters },
    insert: (org) =>
      sql(
        `insert into public.templates (org_id, kind, name, title, impact) values ($1, 'incident', $2, 'Outage', 'major')`,
        org.id,
        slug(),
      ),
  },
  template_services: {
    grants: { select: readers, insert: incidentWriters, update: incidentWriters, delete: incidentWriters },
    insert: (org) =>
      sql(
        `insert into public.template_services (org_id, template_id, kind, service_id, status)
         values ($1, $2, 'incident', $3, 'major_outage')`,
        org.id,
        org.templateId,
        org.serviceId,
      ),
  },
  // Status page subscribers: written only by the subscribers module through the system door.
  status_subscribers: {
    grants: { select: admins, insert: nobody, update: nobody, delete: admins },
    insert: (org) =>
      sql(
        `insert into public.status_subscribers (org_id, email, token) values ($1, $2, $3)`,
        org.id,
        `${token()}@example.test`,
        token() + token(),
      ),
  },
  alertmanager_settings: {
    grants: { select: alertWriters, insert: admins, update: admins, delete: admins },
    insert: (org) => sql(`insert into public.alertmanager_settings (org_id) values ($1)`, org.id),
    // One row per org.
    existing: async (db, org) => {
      await asSystem(db, 'test', (tx) =>
        tx.query(`insert into public.alertmanager_settings (org_id) values ($1) on conflict do nothing`, [org.id]),
      );
      return { org_id: org.id };
    },
  },
  alert_holds: {
    grants: { select: readers, insert: alertWriters, update: alertWriters, delete: alertWriters },
    insert: (org) =>
      sql(
        `insert into public.alert_holds (org_id, fingerprint, service_id, status, starts_at, expires_at, last_received_at)
         values ($1, $2, $3, 'major_outage', now(), now() + interval '1 hour', now())`,
        org.id,
        token(),
        org.serviceId,
      ),
  },
  api_keys: {
    grants: { select: admins, insert: admins, update: admins, delete: admins },
    insert: (org) =>
      sql(
        `insert into public.api_keys (org_id, name, prefix, key_hash, scopes) values ($1, 'Key', 'lsk_test', $2, '{read}')`,
        org.id,
        token(),
      ),
  },
  webhooks: {
    grants: { select: admins, insert: admins, update: admins, delete: admins },
    insert: (org) =>
      sql(
        `insert into public.webhooks (org_id, url, kind, event_types) values ($1, 'https://hooks.example.test/x', 'standard', '{incident.created}')`,
        org.id,
      ),
  },
  // Append-only: no update or delete policy at all. Viewers (and `read` keys) change nothing, so they
  // have nothing to record either.
  status_events: {
    grants: { select: readers, insert: statusWriters, update: nobody, delete: nobody },
    insert: (org) => sql(`insert into public.status_events (org_id, seq, type) values ($1, 1, 'test.event')`, org.id),
  },
  idempotency_keys: {
    grants: {
      select: { ...statusWriters, callerOnly: true },
      insert: statusWriters,
      update: { ...statusWriters, callerOnly: true },
      delete: { ...statusWriters, callerOnly: true },
    },
    insert: (org, caller) =>
      sql(
        `insert into public.idempotency_keys (org_id, caller, key, request_hash, claim_token, created_at, expires_at)
         values ($1, $2, $3, $4, gen_random_uuid(), now(), now() + interval '1 day')`,
        org.id,
        caller,
        token(),
        randomBytes(32).toString('hex'),
      ),
  },
  public_stream_state: {
    grants: readOnly(),
    insert: (org) => sql(`insert into public.public_stream_state (org_id, seq, view) values ($1, 0, '{}')`, org.id),
    // One row per org, which the commit trigger may have written already.
    existing: async (db, org) => {
      await asSystem(db, 'test', (tx) =>
        tx.query(
          `insert into public.public_stream_state (org_id, seq, view) values ($1, 0, '{}') on conflict do nothing`,
          [org.id],
        ),
      );
      return { org_id: org.id };
    },
  },
  public_stream_events: {
    grants: readOnly(),
    insert: (org) =>
      sql(
        `insert into public.public_stream_events (org_id, seq, events, indicator) values ($1, 1, '[]', 'none')`,
        org.id,
      ),
    // Its rows hang off an event: the commit trigger usually records one, else the system does.
    existing: async (db, org) => {
      const [event] = await asSystem(db, 'test', (tx) =>
        tx.query<{ seq: number }>(
          `insert into public.status_events (org_id, seq, type) values ($1, 1, 'test.event') returning seq`,
          [org.id],
        ),
      );
      await asSystem(db, 'test', (tx) =>
        tx.query(
          `insert into public.public_stream_events (org_id, seq, events, indicator) values ($1, $2, '[]', 'none')
           on conflict do nothing`,
          [org.id, event!.seq],
        ),
      );
      return { org_id: org.id, seq: event!.seq };
    },
  },
  // Bookkeeping of the migration runner: no request role has any right on it.
  schema_migrations: {
    grants: readOnly(nobody),
    insert: () => sql(`insert into public.schema_migrations (version) values ($1)`, `zz_test_${token()}`),
  },
};
