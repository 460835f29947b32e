import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

// The demo admin's password is in the README: seeding it by default into a server database (a
// production deploy's first start) would hand anyone an admin account there.
describe('SEED_DEMO default', () => {
  const base = { DATA_DIR: '/tmp/lantern-env-test' };
  const url = 'postgres://u@db.example:5432/lantern';

  it('seeds the embedded database by default (the quick start)', () => {
    expect(parseEnv(base).SEED_DEMO).toBe(true);
  });
  it('does not seed a server database unless asked', () => {
    expect(parseEnv({ ...base, DATABASE_URL: url }).SEED_DEMO).toBe(false);
    expect(parseEnv({ ...base, DATABASE_URL: url, SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
  });
  it('does not seed in production unless asked', () => {
    expect(parseEnv({ ...base, NODE_ENV: 'production' }).SEED_DEMO).toBe(false);
    expect(parseEnv({ ...base, NODE_ENV: 'production', SEED_DEMO: '1' }).SEED_DEMO).toBe(true);
  });
  it('honours SEED_DEMO=false on the embedded database', () => {
    expect(parseEnv({ ...base, SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
  });
});
