import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.ts';
import { withUser } from '../../api/src/db/doors.ts';
import { createTenantWorld, type TenantWorld } from '../../api/test/fixtures.ts';

/** Resolves for everyone once `parties` have arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++arrived === parties) release();
    return all;
  };
}

interface Sighting {
  uid: string;
  orgs: string[];
  backend: number;
}

// Two requests in flight at once must each see only their own claims. On PostgreSQL they run on two
// pooled connections and truly overlap (each waits inside its transaction for the other); PGlite has
// one connection and runs them one after the other, which must be just as clean.
describe('interleaved transactions', () => {
  let t: TestDatabase;
  let world: TenantWorld;
  beforeAll(async () => {
    t = await createTestDatabase();
    world = await createTenantWorld(t.db);
  });
  afterAll(() => t.close());

  const overlap = () => t.db.kind === 'postgres';

  it('never see each other’s claims, before and after the other has set its own', async () => {
    const bothInside = barrier(2);
    const bothLooked = barrier(2);
    const look = (userId: string) =>
      withUser(t.db, { userId }, async (tx) => {
        const before = await tx.query<{ uid: string }>('select auth.uid() as uid');
        if (overlap()) await bothInside();
        const [row] = await tx.query<Sighting>(
          `select auth.uid() as uid, pg_backend_pid() as backend,
             coalesce((select array_agg(id::text order by id) from public.organizations), '{}') as orgs`,
        );
        if (overlap()) await bothLooked();
        return { before: before[0]!.uid, ...row! };
      });
    const [a, b] = await Promise.all([look(world.users.adminA.id), look(world.users.adminB.id)]);
    expect(a).toMatchObject({ before: world.users.adminA.id, uid: world.users.adminA.id, orgs: [world.orgA.id] });
    expect(b).toMatchObject({ before: world.users.adminB.id, uid: world.users.adminB.id, orgs: [world.orgB.id] });
    if (overlap()) expect(a.backend).not.toBe(b.backend);
  });

  it('stay apart when many requests of two users are in flight at once', async () => {
    const users = [
      { id: world.users.adminA.id, org: world.orgA.id },
      { id: world.users.adminB.id, org: world.orgB.id },
    ];
    const requests = Array.from({ length: 40 }, (_, i) => users[i % 2]!);
    const seen = await Promise.all(
      requests.map((user) =>
        withUser(t.db, { userId: user.id }, async (tx) => {
          const [row] = await tx.query<{ uid: string; orgs: string[] }>(
            `select auth.uid() as uid,
               coalesce((select array_agg(id::text) from public.organizations), '{}') as orgs`,
          );
          return row!;
        }),
      ),
    );
    expect(seen).toEqual(requests.map((user) => ({ uid: user.id, orgs: [user.org] })));
  });
});
