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
    expect(report.eventsExpected).toBeGreaterThanOrEqual(1_000 * 15); // 300 writes, each public, 50 clients per org
    expect(report.clientsWrong).toBe(0);
    expect(report.eventsReceived).toBe(report.eventsExpected);
    expect(report.commitToFileMs.files).toBeGreaterThan(20);
    // Stated bound: each process's RSS grows by less than 64 MiB over the soak.
    for (const { before, after } of report.rssMiB) expect(after - before).toBeLessThan(64);
  }, 240_000);
});
