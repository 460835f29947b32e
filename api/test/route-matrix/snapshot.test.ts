import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/db/doors.ts';
import { appendEvent } from '../../src/db/events.ts';
import { createTestContext, type TestContext } from '../test-app.ts';
import { createMatrixWorld, type MatrixWorld } from './world.ts';
import { snapshotOrg } from './snapshot.ts';

// The matrix trusts snapshotOrg to notice a change: prove that it does, and ignores only key use.
describe('snapshotOrg', () => {
  let t: TestContext;
  let world: MatrixWorld;
  beforeAll(async () => {
    t = await createTestContext();
    world = await createMatrixWorld(t);
  });
  afterAll(() => t.close());

  it('notices a new event, a changed org row and a removed member', async () => {
    const changes = [
      (id: string) => asSystem(t.db, 'test', (tx) => appendEvent(tx, id, 'test.changed', {})),
      (id: string) => t.db.query(`update public.organizations set name = 'changed' where id = $1`, [id]),
      (id: string) => t.db.query(`delete from public.organization_members where org_id = $1 and role = 'viewer'`, [id]),
    ];
    for (const change of changes) {
      const before = await snapshotOrg(t.db, world.orgA.id);
      await change(world.orgA.id);
      expect(await snapshotOrg(t.db, world.orgA.id)).not.toEqual(before);
    }
  });

  it('ignores when an API key was last used, and other orgs', async () => {
    const before = await snapshotOrg(t.db, world.orgA.id);
    await t.db.query('update public.api_keys set last_used_at = now() where org_id = $1', [world.orgA.id]);
    await t.db.query(`update public.organizations set name = 'other' where id = $1`, [world.orgB.id]);
    expect(await snapshotOrg(t.db, world.orgA.id)).toEqual(before);
  });
});
