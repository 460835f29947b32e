import { apiKeyScopes, type ApiKeyScope } from '../../src/contract/roles.ts';
import { createApiKey, createTenantWorld, type TenantWorld } from '../fixtures.ts';
import type { TestContext } from '../test-app.ts';

/** createTenantWorld plus API keys: one per scope for org A, one with every scope for org B. */
export interface MatrixWorld extends TenantWorld {
  keysA: Record<ApiKeyScope, { id: string; secret: string }>;
  keyB: { id: string; secret: string };
}

/** Builds a fresh world in the test database (cheap: a handful of inserts). */
export async function createMatrixWorld(t: TestContext): Promise<MatrixWorld> {
  const world = await createTenantWorld(t.db);
  const keysA = {} as MatrixWorld['keysA'];
  for (const scope of apiKeyScopes) keysA[scope] = await createApiKey(t.db, world.orgA.id, [scope], `key ${scope}`);
  const keyB = await createApiKey(t.db, world.orgB.id, [...apiKeyScopes], 'key of B');
  return { ...world, keysA, keyB };
}
