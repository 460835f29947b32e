import { randomUUID } from 'node:crypto';
import type { MatrixRows, MatrixRow } from '../types.ts';
import type { TestContext } from '../../test-app.ts';
import type { MatrixWorld } from '../world.ts';
import { asSystem } from '../../../src/db/doors.ts';
import { hashPassword } from '../../../src/auth/passwords.ts';
import { createEmailToken, type EmailTokenPurpose } from '../../../src/auth/email-tokens.ts';
import { issueRefreshToken } from '../../../src/auth/refresh-tokens.ts';

const password = 'matrix-password-123';

/** A fresh account with `password`, outside both orgs. */
async function account(t: TestContext): Promise<{ id: string; email: string }> {
  const email = `acct-${randomUUID().slice(0, 8)}@example.test`;
  const passwordHash = await hashPassword(password);
  const [row] = await asSystem(t.db, 'test', (tx) =>
    // Confirmed: signing in needs a confirmed address.
    tx.query<{ id: string }>(
      'insert into auth.users (email, encrypted_password, email_confirmed_at) values ($1, $2, now()) returning id',
      [email, passwordHash],
    ),
  );
  return { id: row!.id, email };
}

async function emailToken(t: TestContext, purpose: EmailTokenPurpose): Promise<string> {
  const { id } = await account(t);
  return asSystem(t.db, 'test', (tx) => createEmailToken(tx, id, purpose, t.clock.now()));
}

/** Gives every person of the world `password`, so the signed-in caller can prove it. */
async function givePasswords(t: TestContext, world: MatrixWorld): Promise<void> {
  const passwordHash = await hashPassword(password);
  const ids = Object.values(world.users).map((user) => user.id);
  await asSystem(t.db, 'test', (tx) =>
    tx.query('update auth.users set encrypted_password = $2 where id = any($1::uuid[])', [ids, passwordHash]),
  );
}

/** Public account routes answer the same to everyone (a bearer, even an API key, changes nothing). */
const publicRow = (status: number, request: MatrixRow['request']): MatrixRow => ({
  request,
  expect: {
    anonymous: status,
    outsider: status,
    viewer: status,
    member: status,
    admin: status,
    otherAdmin: status,
    otherKey: status,
    keys: { default: status },
  },
});

/** Signed-in user routes: people only, never an API key. */
const userRow = (status: number, request: MatrixRow['request']): MatrixRow => ({
  request,
  expect: {
    anonymous: 401,
    outsider: status,
    viewer: status,
    member: status,
    admin: status,
    otherAdmin: status,
    otherKey: 403,
    keys: { default: 403 },
  },
});

/** /api/auth/*: the account lifecycle, not scoped to an org. */
export const authRows: MatrixRows = {
  'POST /api/auth/signup': publicRow(202, () => ({
    json: { email: `new-${randomUUID().slice(0, 8)}@example.test`, password },
  })),
  'POST /api/auth/login': publicRow(200, async ({ t }) => ({ json: { email: (await account(t)).email, password } })),
  'POST /api/auth/refresh': publicRow(200, async ({ t }) => {
    const { id } = await account(t);
    return { json: { refresh_token: await asSystem(t.db, 'test', (tx) => issueRefreshToken(tx, id, t.clock.now())) } };
  }),
  'POST /api/auth/logout': userRow(204, () => ({ json: { scope: 'global' } })),
  'GET /api/auth/me': userRow(200, () => ({})),
  'POST /api/auth/verify-email': publicRow(200, async ({ t }) => ({
    json: { token: await emailToken(t, 'verify_email') },
  })),
  // The world's people are verified already.
  'POST /api/auth/verify-email/resend': userRow(409, () => ({})),
  'POST /api/auth/password-reset': publicRow(204, () => ({
    json: { email: `someone-${randomUUID().slice(0, 8)}@example.test` },
  })),
  'POST /api/auth/password-reset/confirm': publicRow(204, async ({ t }) => ({
    json: { token: await emailToken(t, 'reset_password'), password: 'matrix-new-password-1' },
  })),
  'POST /api/auth/password': userRow(200, async ({ t, world }) => {
    await givePasswords(t, world);
    return { json: { old_password: password, new_password: 'matrix-new-password-1' } };
  }),
};
