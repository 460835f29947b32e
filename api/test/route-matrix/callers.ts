import { apiKeyScopes, type ApiKeyScope } from '../../src/contract/roles.ts';
import type { TestContext } from '../test-app.ts';
import { personCallers, type CallerName, type MatrixRow } from './types.ts';
import type { MatrixWorld } from './world.ts';

/** Every caller a row is run for, in a stable order. */
export const allCallers: CallerName[] = [...personCallers, ...apiKeyScopes.map((s) => `key:${s}` as const)];

/** The Authorization header of `caller` in `world` (none for anonymous). */
export async function authorizationFor(
  t: TestContext,
  world: MatrixWorld,
  caller: CallerName,
): Promise<Record<string, string>> {
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const { users } = world;
  switch (caller) {
    case 'anonymous':
      return {};
    case 'outsider':
      return bearer(await t.tokens.sign(users.outsider.id, users.outsider.email));
    case 'viewer':
      return bearer(await t.tokens.sign(users.viewerA.id, users.viewerA.email));
    case 'member':
      return bearer(await t.tokens.sign(users.memberA.id, users.memberA.email));
    case 'admin':
      return bearer(await t.tokens.sign(users.adminA.id, users.adminA.email));
    case 'otherAdmin':
      return bearer(await t.tokens.sign(users.adminB.id, users.adminB.email));
    case 'otherKey':
      return bearer(world.keyB.secret);
    default:
      return bearer(world.keysA[caller.slice('key:'.length) as ApiKeyScope].secret);
  }
}

/** The status `caller` must get from `row`, following "same as" references. */
export function expectedStatus(row: MatrixRow, caller: CallerName, seen: CallerName[] = []): number {
  if (seen.includes(caller)) throw new Error(`"same as" loop: ${[...seen, caller].join(' → ')}`);
  const value = caller.startsWith('key:')
    ? (row.expect.keys[caller.slice('key:'.length) as ApiKeyScope] ?? row.expect.keys.default)
    : row.expect[caller as keyof Omit<MatrixRow['expect'], 'keys'>];
  return typeof value === 'number' ? value : expectedStatus(row, value, [...seen, caller]);
}
