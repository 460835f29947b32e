import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.ts';
import { createMatrixWorld, type Identity, type MatrixWorld } from './support/tenant-matrix-world.ts';
import { rolledBack } from './support/rolled-back.ts';

type Outcome = 'changed' | 'refused' | 'not visible';

// The RLS matrix proves who may update a service row at all; this proves which columns: members and
// write keys change a service's status, only admins change what it is (name, slug, visibility…) and
// who belongs to the org.
describe('edit rights on services and members', () => {
  let t: TestDatabase;
  let world: MatrixWorld;
  beforeAll(async () => {
    t = await createTestDatabase();
    world = await createMatrixWorld(t.db);
  });
  afterAll(() => t.close());

  const who = (name: string): Identity => world.identities.find((identity) => identity.name === name)!;

  async function tryUpdate(identity: Identity, sql: string, params: unknown[]): Promise<Outcome> {
    return rolledBack(identity.run, async (tx) => {
      try {
        return (await tx.query(sql, params)).length === 1 ? 'changed' : 'not visible';
      } catch (error) {
        if ((error as { code?: string }).code === '42501') return 'refused';
        throw error;
      }
    });
  }

  const setStatus = `update public.services set status = 'major_outage', manual_status = 'major_outage' where id = $1 returning id`;
  const rename = `update public.services set name = 'Renamed' where id = $1 returning id`;
  const hide = `update public.services set is_public = false where id = $1 returning id`;

  it.each([
    ['viewerA', 'not visible', 'not visible', 'not visible'],
    ['memberA', 'changed', 'refused', 'refused'],
    ['adminA', 'changed', 'changed', 'changed'],
    ['key[status:write]A', 'changed', 'refused', 'refused'],
    ['key[incidents:write]A', 'changed', 'refused', 'refused'],
    ['key[read]A', 'not visible', 'not visible', 'not visible'],
    ['adminB', 'not visible', 'not visible', 'not visible'],
  ] as const)('%s: status %s, name %s, visibility %s', async (name, status, renamed, hidden) => {
    const serviceId = world.orgs.A.serviceId;
    expect({
      status: await tryUpdate(who(name), setStatus, [serviceId]),
      name: await tryUpdate(who(name), rename, [serviceId]),
      visibility: await tryUpdate(who(name), hide, [serviceId]),
    }).toEqual({ status, name: renamed, visibility: hidden });
  });

  it('a member cannot promote themself, and only the admin changes roles', async () => {
    const memberA = who('memberA');
    const promote = `update public.organization_members set role = 'admin'
                     where org_id = $1 and user_id = $2 returning user_id`;
    const memberId = memberA.caller.slice('user:'.length);
    expect(await tryUpdate(memberA, promote, [world.orgs.A.id, memberId])).toBe('not visible');
    expect(await tryUpdate(who('adminA'), promote, [world.orgs.A.id, memberId])).toBe('changed');
  });
});
