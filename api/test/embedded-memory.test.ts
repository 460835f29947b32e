import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { startProduct, type ProductProcess, type ProcessMemory } from './product-process.ts';

// The product as it is first started (`serve.ts` on a new DATA_DIR, the demo seeded and rendered),
// in its own process, must stay within these bounds: the measured figures (docs/benchmarks.md,
// "Embedded default", the "RSS 5 s" column: read once the demo is rendered, the render worker still
// loaded) plus about 40 %. A regression of the kind this guards against (PGlite's
// initdb or its optimising wasm compiler in the server process, server-sized Postgres buffers)
// more than doubles them. RSS does not depend on how loaded the machine is, only on what is loaded.
const MB = 1024 * 1024;
const bounds = {
  // Measured 258–281 MB (median 272) and 302–358 MB peak (6 runs, peak read after 40 writes).
  pglite: { idleRss: 380 * MB, peak: 600 * MB },
  // Measured 194–201 MB and 245–272 MB peak (3 runs, peak read after 40 writes).
  postgres: { idleRss: 280 * MB, peak: 380 * MB },
};

describe('memory of the product after start, with the demo', () => {
  const kind = inject('testDb').kind;
  let dataDir: string;
  let database: TestDatabase | null = null;
  let product: ProductProcess;
  let memory: ProcessMemory;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lantern-memory-'));
    if (kind === 'postgres') database = await createTestDatabase();
    product = await startProduct({
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      DATABASE_URL: database?.url ?? '',
    });
    await product.rendersSettled(1);
    memory = await product.memory();
  }, 60_000);

  afterAll(async () => {
    await product?.stop();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`stays within its idle RSS bound (${kind})`, () => {
    expect(memory.rss).toBeGreaterThan(50 * MB); // the reading is real
    expect(memory.rss).toBeLessThanOrEqual(bounds[kind].idleRss);
  });

  it(`peaked within its start-up bound (${kind})`, () => {
    expect(memory.peak).toBeGreaterThanOrEqual(memory.rss);
    expect(memory.peak).toBeLessThanOrEqual(bounds[kind].peak);
  });
});
