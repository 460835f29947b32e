import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-database.ts';
import { createDeps } from './deps.ts';
import { parseEnv } from './env.ts';
import { systemClock } from './clock.ts';

describe('createDeps: the defaults serve.ts relies on', () => {
  let database: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'lantern-deps-'));
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds the local provider with a generated secret, .eml mail in DATA_DIR, the system clock, no realtime', async () => {
    const env = parseEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const deps = createDeps(env, database.db);
    expect(deps.auth.provider.kind).toBe('local');
    expect(deps.tokens).toBe(deps.auth.tokens);
    expect(deps.clock).toBe(systemClock);
    expect('realtime' in deps).toBe(false);
    expect(readdirSync(dataDir)).toContain('jwt-secret');
    await deps.mail.send({ to: 'ada@example.test', subject: 'hello', text: 'hello' });
    expect(readdirSync(join(dataDir, 'mail')).filter((name) => name.endsWith('.eml'))).toHaveLength(1);
  });

  it('builds the Supabase provider when AUTH_PROVIDER=supabase, and takes what the caller passes', () => {
    const env = parseEnv({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      AUTH_PROVIDER: 'supabase',
      SUPABASE_URL: 'http://127.0.0.1:9',
      SUPABASE_ANON_KEY: 'anon',
    });
    const clock = { now: () => new Date(0) };
    const deps = createDeps(env, database.db, { clock });
    expect(deps.auth.provider.kind).toBe('supabase');
    expect(deps.tokens).toBe(deps.auth.tokens);
    expect(deps.clock).toBe(clock);
  });
});
