import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test-app.ts';
import { runSoak } from './soak.ts';

// The soak at its CI size (docs/reliability.md, "Load"): 1,000 public stream clients over
// 20 orgs on two API processes, 20 status writes/s for 15 s through the API, the site renderer on.
// `npm run soak` runs the full size (bench/soak/run.ts).
describe('soak (PostgreSQL, two API processes, site renderer on)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('every client sees every event of its org exactly once, in order; no 5xx; bounded RSS growth', async () => {
    const report = await runSoak({
      db: ctx.db,
      databaseUrl: ctx.url!,
      sign: (id, email) => ctx.tokens.sign(id, email),
      clients: 1_000,
      orgs: 20,
      writesPerSecond: 20,
      seconds: 15,
    });
    console.info(`soak (CI size): ${JSON.stringify(report)}`);
    expect(report.clientsFailed).toBe(0);
    expect(report.statuses).toEqual({ 200: 300 });
    // 300 writes, 15 per org, 50 clients per org (a write overtaken by its successor may leave no change).
    expect(report.eventsExpected).toBeGreaterThan(1_000 * 14);
    expect(report.clientsWrong).toBe(0);
    expect(report.eventsReceived).toBe(report.eventsExpected);
    expect(report.commitToFileMs.files).toBeGreaterThanOrEqual(20); // every org's page rendered at least once
    // Stated bound: each process's RSS grows by less than 160 MiB over the soak (the leader starts its
    // render worker thread on the first render: about 50 MiB of that).
    for (const { before, after } of report.rssMiB) expect(after - before).toBeLessThan(160);
  }, 240_000);
});
