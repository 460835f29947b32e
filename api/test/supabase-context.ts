import { createTestContext, type TestContext } from './test-app.ts';
import { startSupabaseStandIn, type SupabaseStandIn } from './supabase-stand-in.ts';

/**
 * A test app with AUTH_PROVIDER=supabase pointed at a fresh Supabase Auth stand-in (the one stand-in
 * this project allows: Supabase's hosted HTTP API); `env` adds or overrides variables.
 */
export async function startSupabaseContext(
  standInOptions: Parameters<typeof startSupabaseStandIn>[0],
  env: Record<string, string> = {},
): Promise<{ standIn: SupabaseStandIn; t: TestContext; close: () => Promise<void> }> {
  const standIn = await startSupabaseStandIn(standInOptions);
  const t = await createTestContext({
    AUTH_PROVIDER: 'supabase',
    SUPABASE_URL: standIn.url,
    SUPABASE_ANON_KEY: standIn.anonKey,
    // An HS256 stand-in signs with a shared secret; a JWKS one publishes its keys.
    ...(standIn.jwtSecret ? { SUPABASE_JWT_SECRET: standIn.jwtSecret } : {}),
    ...env,
  });
  return {
    standIn,
    t,
    close: async () => {
      await t.close();
      await standIn.close();
    },
  };
}
