import { generateWebhookSecret } from '../src/webhooks/signing.ts';
import { randomUUID } from 'node:crypto';
import type { Database } from '../src/db/types.ts';
import { asSystem } from '../src/db/doors.ts';
import type { MemberRole } from '../src/contract/roles.ts';
import { generateApiKeySecret, hashApiKeySecret } from '../src/auth/api-key-secret.ts';
import type { ApiKeyScope } from '../src/contract/roles.ts';

/** Inserts a verified user straight into auth.users (the profile comes from the trigger). */
export async function createUser(
  db: Database,
  email = `${randomUUID().slice(0, 8)}@example.test`,
): Promise<{ id: string; email: string }> {
  const [row] = await asSystem(db, 'test', (tx) =>
    tx.query<{ id: string }>(`insert into auth.users (email, email_confirmed_at) values ($1, now()) returning id`, [
      email,
    ]),
  );
  return { id: row!.id, email };
}

/** Inserts an organization (no members). */
export async function createOrg(
  db: Database,
  slug = `org-${randomUUID().slice(0, 8)}`,
  name = slug,
): Promise<{ id: string; slug: string }> {
  const [row] = await asSystem(db, 'test', (tx) =>
    tx.query<{ id: string }>(`insert into public.organizations (slug, name) values ($1, $2) returning id`, [
      slug,
      name,
    ]),
  );
  return { id: row!.id, slug };
}

export async function addMember(db: Database, orgId: string, userId: string, role: MemberRole): Promise<void> {
  await asSystem(db, 'test', (tx) =>
    tx.query(`insert into public.organization_members (org_id, user_id, role) values ($1, $2, $3)`, [
      orgId,
      userId,
      role,
    ]),
  );
}

/** Creates an API key row and returns its secret. */
export async function createApiKey(
  db: Database,
  orgId: string,
  scopes: ApiKeyScope[],
  name = 'test key',
): Promise<{ id: string; secret: string }> {
  const secret = generateApiKeySecret();
  const [row] = await asSystem(db, 'test', (tx) =>
    tx.query<{ id: string }>(
      `insert into public.api_keys (org_id, name, prefix, key_hash, scopes) values ($1, $2, $3, $4, $5) returning id`,
      [orgId, name, secret.slice(0, 8), hashApiKeySecret(secret), scopes],
    ),
  );
  return { id: row!.id, secret };
}

export interface TenantWorld {
  orgA: { id: string; slug: string };
  orgB: { id: string; slug: string };
  users: Record<'viewerA' | 'memberA' | 'adminA' | 'adminB' | 'outsider', { id: string; email: string }>;
}

/** Two orgs: A with a viewer, a member and an admin; B with its own admin; and a user of neither. */
export async function createTenantWorld(db: Database): Promise<TenantWorld> {
  const orgA = await createOrg(db);
  const orgB = await createOrg(db);
  const users = {
    viewerA: await createUser(db),
    memberA: await createUser(db),
    adminA: await createUser(db),
    adminB: await createUser(db),
    outsider: await createUser(db),
  };
  await addMember(db, orgA.id, users.viewerA.id, 'viewer');
  await addMember(db, orgA.id, users.memberA.id, 'member');
  await addMember(db, orgA.id, users.adminA.id, 'admin');
  await addMember(db, orgB.id, users.adminB.id, 'admin');
  return { orgA, orgB, users };
}

/** Inserts a service straight into the database (slug and name derived when absent). */
export async function createService(
  db: Database,
  orgId: string,
  fields: { slug?: string; name?: string; is_public?: boolean; manual_status?: string; status?: string } = {},
): Promise<{ id: string; slug: string }> {
  const slug = fields.slug ?? `svc-${randomUUID().slice(0, 8)}`;
  const [row] = await asSystem(db, 'test', (tx) =>
    tx.query<{ id: string }>(
      `insert into public.services (org_id, slug, name, is_public, manual_status, status)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [
        orgId,
        slug,
        fields.name ?? slug,
        fields.is_public ?? true,
        fields.manual_status ?? 'operational',
        fields.status ?? fields.manual_status ?? 'operational',
      ],
    ),
  );
  return { id: row!.id, slug };
}

/** A webhook of `orgId` (written as the system, with its signing secret), for tests that need one. */
export async function createWebhookRow(
  db: Database,
  orgId: string,
  {
    url = 'https://hooks.example.test/lantern',
    kind = 'standard',
    eventTypes = ['incident.created', 'incident.updated', 'incident.resolved'],
  }: { url?: string; kind?: string; eventTypes?: string[] } = {},
): Promise<{ id: string; secret: string }> {
  const secret = generateWebhookSecret();
  const id = await asSystem(db, 'test', async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.webhooks (org_id, url, kind, event_types) values ($1, $2, $3, $4) returning id`,
      [orgId, url, kind, eventTypes],
    );
    await tx.query('insert into private.webhook_secrets (webhook_id, secret) values ($1, $2)', [row!.id, secret]);
    return row!.id;
  });
  return { id, secret };
}
