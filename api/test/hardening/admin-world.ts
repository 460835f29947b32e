import { createTestContext, type TestContext } from '../test-app.ts';
import { createService, createTenantWorld, type TenantWorld } from '../fixtures.ts';

/** The hardening tests' setup: a fresh app, the tenant world, and org A's admin with one service. */
export interface AdminWorld {
  t: TestContext;
  world: TenantWorld;
  /** `Authorization` of org A's admin. */
  auth: Record<string, string>;
  /** `auth` plus `Content-Type: application/json`. */
  json: Record<string, string>;
  /** `/api/organizations/<org A>`. */
  base: string;
  /** A service of org A. */
  serviceId: string;
}

/** Opens an AdminWorld (close it with `t.close()`). */
export async function openAdminWorld(envOverrides: Record<string, string> = {}): Promise<AdminWorld> {
  const t = await createTestContext(envOverrides);
  const world = await createTenantWorld(t.db);
  const auth = { Authorization: `Bearer ${await t.tokens.sign(world.users.adminA.id, world.users.adminA.email)}` };
  const serviceId = (await createService(t.db, world.orgA.id)).id;
  return {
    t,
    world,
    auth,
    json: { ...auth, 'Content-Type': 'application/json' },
    base: `/api/organizations/${world.orgA.id}`,
    serviceId,
  };
}
