import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { createOrg, createService } from '../../test/fixtures.ts';
import { asSystem } from '../db/doors.ts';
import { setManualStatus } from './set-manual-status.ts';
import { warmStatusWrites } from './warm-status-writes.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const state = async () => ({
  services: await t.db.query('select id, status, manual_status, updated_at from public.services order by id'),
  orgs: await t.db.query<{ id: string; last_event_seq: number }>(
    'select id, last_event_seq from public.organizations order by id',
  ),
  events: await t.db.query('select org_id, seq from public.status_events order by org_id, seq'),
  history: await t.db.query('select count(*)::int as n from public.service_status_history'),
  // The warm-up's member exists only inside its transaction.
  users: await t.db.query('select id from auth.users order by id'),
  members: await t.db.query('select org_id, user_id from public.organization_members order by org_id, user_id'),
});

describe('warmStatusWrites', () => {
  it('does nothing without a service', async () => {
    await expect(warmStatusWrites(t.db)).resolves.toBeUndefined();
  });

  it('runs a status write as a member and leaves no trace: no row, user or member changed, no event numbered or notified', async () => {
    const org = await createOrg(t.db);
    const service = await createService(t.db, org.id, { manual_status: 'operational', status: 'operational' });
    // The first notification after listening: had the warm-up notified, it would be that one.
    let first: (payload: string) => void = () => {};
    const firstNotification = new Promise<string>((resolve) => (first = resolve));
    const unlisten = await t.db.listen('status_events', (payload) => first(payload));
    const before = await state();
    await warmStatusWrites(t.db);
    expect(await state()).toEqual(before);
    // A real change afterwards gets the next seq and the only notification: the warm-up used none.
    await asSystem(t.db, 'test', (tx) =>
      setManualStatus(tx, org.id, service.id, 'major_outage', { source: 'manual', message: null }),
    );
    const seq = Number(before.orgs.find((o) => o.id === org.id)!.last_event_seq) + 1;
    const [event] = await t.db.query('select seq from public.status_events where org_id = $1', [org.id]);
    expect(Number(event!.seq)).toBe(seq);
    expect(await firstNotification).toBe(`${org.id}:${seq}`);
    await unlisten();
  });
});
