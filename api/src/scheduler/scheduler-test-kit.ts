import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { createTenantWorld, type TenantWorld } from '../../test/fixtures.ts';
import { call } from '../routes/incidents/test-kit.ts';
import type { Database } from '../db/types.ts';
import { createMaintenanceScheduler, type MaintenanceScheduler } from './maintenance-scheduler.ts';

export const minute = 60_000;
export const hour = 60 * minute;

/** What a scheduler test file works with; filled in by its `beforeAll`. */
export interface SchedulerKit {
  t: TestContext;
  world: TenantWorld;
  member: string;
  base: string;
  /** A scheduler on `db` (default the test database), stopped after each test. */
  newScheduler(db?: Database): MaintenanceScheduler;
  /** Schedules a window `startIn`..`endIn` ms from the test clock's now, through the API. */
  schedule(
    startIn: number,
    endIn: number,
    serviceIds: string[],
    title?: string,
  ): Promise<{ id: string; starts_at: string; ends_at: string }>;
  get(id: string): Promise<Record<string, unknown>>;
}

/** Registers the hooks of a scheduler test file (a test context, a tenant world, cleanup). */
export function useSchedulerKit(): SchedulerKit {
  const schedulers: MaintenanceScheduler[] = [];
  const kit = {
    newScheduler(db?: Database) {
      const scheduler = createMaintenanceScheduler({
        db: db ?? kit.t.db,
        clock: kit.t.clock,
        log: kit.t.deps.log,
        databaseUrl: kit.t.url,
      });
      schedulers.push(scheduler);
      return scheduler;
    },
    async schedule(startIn: number, endIn: number, serviceIds: string[], title = 'Upgrade') {
      const at = (offsetMs: number) => new Date(kit.t.clock.now().getTime() + offsetMs).toISOString();
      const res = await call(kit.t, 'POST', kit.base, kit.member, {
        title,
        starts_at: at(startIn),
        ends_at: at(endIn),
        service_ids: serviceIds,
      });
      expect(res.status).toBe(201);
      return res.body.data as { id: string; starts_at: string; ends_at: string };
    },
    async get(id: string) {
      return (await call(kit.t, 'GET', `${kit.base}/${id}`, kit.member)).body.data as Record<string, unknown>;
    },
  } as SchedulerKit;

  beforeAll(async () => {
    kit.t = await createTestContext();
    kit.world = await createTenantWorld(kit.t.db);
    kit.member = await kit.t.tokens.sign(kit.world.users.memberA.id, kit.world.users.memberA.email);
    kit.base = `/api/organizations/${kit.world.orgA.id}/maintenances`;
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  });
  afterAll(() => kit.t.close());
  return kit;
}
