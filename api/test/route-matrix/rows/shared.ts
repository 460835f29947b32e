import type { MatrixRow } from '../types.ts';

/** Readable by viewers and up and by API keys with `read` (org profile, member list). */
export const readableByViewers: MatrixRow['expect'] = {
  anonymous: 401,
  outsider: 403,
  viewer: 200,
  member: 'viewer',
  admin: 'viewer',
  otherAdmin: 403,
  otherKey: 403,
  keys: { default: 403, read: 200 },
};

/** Admins only, no API key (settings, members, invitations): `ok` is the admin's status. */
export const adminOnly = (ok: number): MatrixRow['expect'] => ({
  anonymous: 401,
  outsider: 403,
  viewer: 403,
  member: 403,
  admin: ok,
  otherAdmin: 403,
  otherKey: 403,
  keys: { default: 403 },
});

/** The `orgId` param of org A. */
export const orgA = (ctx: { world: { orgA: { id: string } } }) => ({ orgId: ctx.world.orgA.id });
