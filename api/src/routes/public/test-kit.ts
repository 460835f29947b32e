import type { Database, Queryable } from '../../db/types.ts';
import { asSystem } from '../../db/doors.ts';
import { appendEvent } from '../../db/events.ts';
import { createOrg } from '../../../test/fixtures.ts';

/** Test world of the public API: private services and incidents on them that must not leak, groups, maintenances. */
export interface PublicWorld {
  org: { id: string; slug: string };
  group: string;
  api: string;
  web: string;
  secret: string;
  privateOnly: string;
  both: string;
  resolved: string;
  active: string;
  upcoming: string;
  privateWindow: string;
}

/** Runs `fn` as a system job and appends an event, like a real writer (so caches are invalidated). */
export function write(db: Database, orgId: string, fn: (tx: Queryable) => Promise<unknown>): Promise<void> {
  return asSystem(db, 'test', async (tx) => {
    await fn(tx);
    await appendEvent(tx, orgId, 'test.changed', {});
  });
}

const one = async (tx: Queryable, sql: string, params: unknown[]) =>
  (await tx.query<{ id: string }>(sql, params))[0]!.id;

/**
 * An org with a group holding "API" (public) and "Web" (public, ungrouped) and "Secret Billing" (private);
 * incident "Secret billing outage" affects only the private service, "Login errors" affects "API" and
 * the private one; "Old glitch" was resolved yesterday; one window runs on "Web", one is upcoming on
 * "API", one runs only on the private service.
 */
export async function createPublicWorld(db: Database): Promise<PublicWorld> {
  const org = await createOrg(db);
  let ids = {} as Omit<PublicWorld, 'org'>;
  await write(db, org.id, async (tx) => {
    const group = await one(
      tx,
      `insert into public.service_groups (org_id, name, position) values ($1, 'Core', 1) returning id`,
      [org.id],
    );
    const service = (
      slug: string,
      name: string,
      position: number,
      isPublic: boolean,
      status: string,
      groupId: string | null,
    ) =>
      one(
        tx,
        `insert into public.services (org_id, group_id, slug, name, position, is_public, status, description)
         values ($1, $2, $3, $4, $5, $6, $7, 'd') returning id`,
        [org.id, groupId, slug, name, position, isPublic, status],
      );
    const api = await service('api', 'API', 1, true, 'partial_outage', group);
    const web = await service('web', 'Web', 2, true, 'under_maintenance', null);
    const secret = await service('secret-billing', 'Secret Billing', 3, false, 'major_outage', group);
    const incident = async (title: string, impact: string, services: [string, string][], resolved = false) => {
      const id = await one(
        tx,
        `insert into public.incidents (org_id, title, impact, status, started_at, resolved_at)
         values ($1, $2, $3, $4, now() - interval '2 days', $5) returning id`,
        [
          org.id,
          title,
          impact,
          resolved ? 'resolved' : 'investigating',
          resolved ? new Date(Date.now() - 86_400_000).toISOString() : null,
        ],
      );
      await tx.query(
        `insert into public.incident_updates (org_id, incident_id, status, message) values ($1, $2, 'investigating', $3)`,
        [org.id, id, `Looking into ${title}`],
      );
      for (const [serviceId, status] of services) {
        await tx.query(
          `insert into public.incident_services (org_id, incident_id, service_id, status) values ($1, $2, $3, $4)`,
          [org.id, id, serviceId, status],
        );
      }
      return id;
    };
    const privateOnly = await incident('Secret billing outage', 'critical', [[secret, 'major_outage']]);
    const both = await incident('Login errors', 'major', [
      [api, 'partial_outage'],
      [secret, 'major_outage'],
    ]);
    const resolved = await incident('Old glitch', 'minor', [[web, 'degraded_performance']], true);
    const window = async (title: string, status: string, startHours: number, serviceIds: string[]) => {
      const id = await one(
        tx,
        `insert into public.maintenances (org_id, title, description, status, starts_at, ends_at)
         values ($1, $2, 'planned', $3, now() + make_interval(hours => $4), now() + make_interval(hours => $4 + 2)) returning id`,
        [org.id, title, status, startHours],
      );
      for (const serviceId of serviceIds) {
        await tx.query(
          `insert into public.maintenance_services (org_id, maintenance_id, service_id) values ($1, $2, $3)`,
          [org.id, id, serviceId],
        );
      }
      return id;
    };
    const active = await window('Web upgrade', 'in_progress', -1, [web, secret]);
    const upcoming = await window('API migration', 'scheduled', 24, [api]);
    const privateWindow = await window('Secret ledger rebuild', 'in_progress', -1, [secret]);
    ids = { group, api, web, secret, privateOnly, both, resolved, active, upcoming, privateWindow };
  });
  return { org, ...ids };
}
