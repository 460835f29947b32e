import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.ts';
import { addMember, createOrg, createUser } from '../../../test/fixtures.ts';
import { withUser } from '../../db/doors.ts';
import type { Queryable } from '../../db/types.ts';

type Id = { id: string };

/** A promise with its resolver, for handing a step over between two sessions. */
function signal<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const demote = (tx: Queryable, orgId: string, userId: string) =>
  tx.query<{ role: string }>(
    "update public.organization_members set role = 'member' where org_id = $1 and user_id = $2 returning role",
    [orgId, userId],
  );

// Two admins demote each other from two real sessions (READ COMMITTED), in the two orders that matter,
// each forced by a barrier rather than left to timing. The members route runs exactly these statements.
describe('last admin under two concurrent sessions (PostgreSQL server)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.close());

  const twoAdmins = async () => {
    const org = await createOrg(t.db);
    const [a, b] = [await createUser(t.db), await createUser(t.db)];
    await addMember(t.db, org.id, a.id, 'admin');
    await addMember(t.db, org.id, b.id, 'admin');
    return { org, a, b };
  };
  const adminCount = async (org: Id) =>
    (
      await t.db.query<{ n: number }>(
        "select count(*)::int as n from public.organization_members where org_id = $1 and role = 'admin'",
        [org.id],
      )
    )[0]!.n;

  it('the second demotion waits on the org lock, then sees the first one committed and is refused', async () => {
    const { org, a, b } = await twoAdmins();
    const firstDone = signal();
    const commitFirst = signal();
    const first = withUser(t.db, { userId: a.id }, async (tx) => {
      expect(await demote(tx, org.id, b.id)).toEqual([{ role: 'member' }]);
      firstDone.resolve();
      await commitFirst.promise;
    });
    await firstDone.promise;
    const secondPid = signal<number>();
    const second = withUser(t.db, { userId: b.id }, async (tx) => {
      const [{ pid }] = (await tx.query<{ pid: number }>('select pg_backend_pid() as pid')) as [{ pid: number }];
      secondPid.resolve(pid);
      return demote(tx, org.id, a.id);
    }).catch((error: unknown) => error); // settled here: it may fail before `first` is awaited
    const pid = await secondPid.promise;
    // The second UPDATE passed RLS on its own snapshot (b still an admin there) and its trigger now
    // waits for the org row that the first one's trigger locked.
    await vi.waitFor(async () => {
      const [row] = await t.db.query<{ wait: string | null }>(
        'select wait_event_type as wait from pg_stat_activity where pid = $1',
        [pid],
      );
      expect(row?.wait).toBe('Lock');
    });
    commitFirst.resolve();
    await first;
    expect(await second).toMatchObject({ code: 'LA409' });
    expect(await adminCount(org)).toBe(1);
  });

  it('a demotion started after the other committed matches no row: RLS no longer sees an admin caller', async () => {
    const { org, a, b } = await twoAdmins();
    const secondRead = signal();
    const firstCommitted = signal();
    // As the route: the caller passed its access check, read the member, and only then updates.
    const second = withUser(t.db, { userId: b.id }, async (tx) => {
      const seen = await tx.query('select role from public.organization_members where org_id = $1 and user_id = $2', [
        org.id,
        a.id,
      ]);
      expect(seen).toEqual([{ role: 'admin' }]);
      secondRead.resolve();
      await firstCommitted.promise;
      return demote(tx, org.id, a.id);
    });
    await secondRead.promise;
    await withUser(t.db, { userId: a.id }, (tx) => demote(tx, org.id, b.id));
    firstCommitted.resolve();
    // No error and no row: the trigger never fires, so only the caller can notice (the route answers 403).
    expect(await second).toEqual([]);
    expect(await adminCount(org)).toBe(1);
  });
});
