import { randomUUID } from 'node:crypto';
import type { Database } from '../../../api/src/db/types.ts';
import { asAnon, asSystem, withApiKey, withUser } from '../../../api/src/db/doors.ts';
import type { ApiKeyScope, MemberRole } from '../../../api/src/contract/roles.ts';
import { addMember, createApiKey, createTenantWorld, createUser } from '../../../api/test/fixtures.ts';
import type { TransactionRunner } from './rolled-back.ts';

export type OrgLabel = 'A' | 'B';

/** One org of the world and the rows other rows hang from. */
export interface OrgWorld {
  label: OrgLabel;
  id: string;
  groupId: string;
  serviceId: string;
  incidentId: string;
  maintenanceId: string;
  /** An incident template (no services). */
  templateId: string;
  /** A viewer of this org (and of no other) whose profile, membership and tokens are "the org's". */
  subjectUserId: string;
  /** The `private.request_caller()` of the identity that owns this org's caller-owned rows. */
  writerCaller: string;
}

/** Someone who reaches the database through a door. */
export interface Identity {
  name: string;
  run: TransactionRunner;
  memberships: Partial<Record<OrgLabel, MemberRole>>;
  /** For an API key of org A: its one scope. */
  keyScope?: ApiKeyScope;
  /** What `private.request_caller()` answers inside this identity's transactions. */
  caller: string;
}

export interface MatrixWorld {
  orgs: Record<OrgLabel, OrgWorld>;
  identities: Identity[];
  /** Admin of A and viewer of B at once: the one who would like to move rows from A to B. */
  adminOfAViewerOfB: Identity;
}

/** The key scopes whose variants behave differently somewhere. */
const keyScopes: ApiKeyScope[] = [
  'read',
  'status:write',
  'incidents:write',
  'maintenances:write',
  'metrics:read',
  'alerts:write',
];

async function parentRows(db: Database, orgId: string) {
  return asSystem(db, 'test', async (tx) => {
    const one = async (sql: string) => (await tx.query<{ id: string }>(sql, [orgId]))[0]!.id;
    return {
      groupId: await one(`insert into public.service_groups (org_id, name) values ($1, 'Group') returning id`),
      serviceId: await one(`insert into public.services (org_id, slug, name) values ($1, 'api', 'API') returning id`),
      incidentId: await one(`insert into public.incidents (org_id, title) values ($1, 'Outage') returning id`),
      maintenanceId: await one(
        `insert into public.maintenances (org_id, title, starts_at, ends_at)
         values ($1, 'Upgrade', now() + interval '1 day', now() + interval '2 days') returning id`,
      ),
      templateId: await one(
        `insert into public.templates (org_id, kind, name, title, impact)
         values ($1, 'incident', 'Outage', 'Outage', 'major') returning id`,
      ),
    };
  });
}

function userIdentity(db: Database, name: string, userId: string, memberships: Identity['memberships']): Identity {
  return {
    name,
    run: (fn) => withUser(db, { userId }, fn),
    memberships,
    caller: `user:${userId}`,
  };
}

/** Orgs A and B with one row of every kind each, and every identity the matrix tries. */
export async function createMatrixWorld(db: Database): Promise<MatrixWorld> {
  const { orgA, orgB, users } = await createTenantWorld(db);
  const subjects = { A: await createUser(db), B: await createUser(db) };
  await addMember(db, orgA.id, subjects.A.id, 'viewer');
  await addMember(db, orgB.id, subjects.B.id, 'viewer');
  const dual = await createUser(db);
  await addMember(db, orgA.id, dual.id, 'admin');
  await addMember(db, orgB.id, dual.id, 'viewer');

  const identities: Identity[] = [
    { name: 'anon', run: (fn) => asAnon(db, fn), memberships: {}, caller: `user:${randomUUID()}` },
    userIdentity(db, 'outsider', users.outsider.id, {}),
    userIdentity(db, 'viewerA', users.viewerA.id, { A: 'viewer' }),
    userIdentity(db, 'memberA', users.memberA.id, { A: 'member' }),
    userIdentity(db, 'adminA', users.adminA.id, { A: 'admin' }),
    userIdentity(db, 'adminB', users.adminB.id, { B: 'admin' }),
  ];
  for (const scope of keyScopes) {
    const key = await createApiKey(db, orgA.id, [scope], `key ${scope}`);
    identities.push({
      name: `key[${scope}]A`,
      run: (fn) => withApiKey(db, { keyId: key.id, orgId: orgA.id, scopes: [scope] }, fn),
      memberships: {},
      keyScope: scope,
      caller: `api_key:${key.id}`,
    });
  }
  const org = async (label: OrgLabel, id: string, subjectUserId: string, writerCaller: string): Promise<OrgWorld> => ({
    label,
    id,
    subjectUserId,
    writerCaller,
    ...(await parentRows(db, id)),
  });
  return {
    orgs: {
      A: await org('A', orgA.id, subjects.A.id, `user:${users.memberA.id}`),
      B: await org('B', orgB.id, subjects.B.id, `user:${users.adminB.id}`),
    },
    identities,
    adminOfAViewerOfB: userIdentity(db, 'adminOfAViewerOfB', dual.id, { A: 'admin', B: 'viewer' }),
  };
}
