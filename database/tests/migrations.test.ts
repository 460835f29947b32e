import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.ts';
import { listMigrations, migrate } from '../../api/src/db/migrate.ts';

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.close());

  it('recorded every migration in schema_migrations', async () => {
    const rows = await t.db.query<{ version: string }>('select version from public.schema_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual((await listMigrations()).map((n) => n.replace(/\.sql$/, '')));
  });

  it('is a no-op when run again', async () => {
    const result = await migrate(t.db);
    expect(result.applied).toEqual([]);
  });
});
