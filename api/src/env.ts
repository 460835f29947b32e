import { z } from 'zod';
import { resolve } from 'node:path';

const booleanish = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The environment, validated once at start (docs/architecture.md, "Configuration"). */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  AUTH_PROVIDER: z.enum(['local', 'supabase']).default('local'),
  SIGNUP: z.enum(['open', 'invite', 'closed']).default('open'),
  SUPABASE_URL: z.url().optional(),
  SUPABASE_ANON_KEY: z.string().min(1).optional(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(1).optional(),
  SUPABASE_JWT_SECRET: z.string().min(32).optional(),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  SITE_OUT_DIR: z.string().min(1).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Lantern <no-reply@lantern.local>'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  METRICS_TOKEN: z.string().min(16).optional(),
  TRUST_PROXY: z.string().default('off'),
  STREAMS_PER_IP: z.coerce.number().int().positive().default(20),
  STREAMS_PER_PROCESS: z.coerce.number().int().positive().default(20000),
  RATE_LIMIT_LOGIN_PER_IP: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_LOGIN_WINDOW_S: z.coerce.number().int().positive().default(300),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  RATE_LIMIT_WRITES_PER_MIN: z.coerce.number().int().positive().default(600),
  RATE_LIMIT_PUBLIC_PER_MIN: z.coerce.number().int().positive().default(1200),
  RATE_LIMIT_STREAM_CONNECTS_PER_MIN: z.coerce.number().int().positive().default(120),
  // Lets webhooks reach private, loopback and link-local addresses (a receiver on the same network).
  WEBHOOK_ALLOW_PRIVATE: booleanish.default(false),
  // The outbox's first retry step; each later one doubles (api/src/outbox/backoff.ts).
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  // How long a worker holds a delivery it took; a dead worker's deliveries come back after it.
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  // After this long, an Idempotency-Key claim whose write never committed (its process died) is taken over.
  IDEMPOTENCY_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  SUBSCRIBERS_PER_ORG: z.coerce.number().int().positive().default(10_000),
  SITE_PUBLISH_COMMAND: z.string().min(1).optional(),
  // Absent: seed only the embedded database outside production (see parseEnv); the demo admin's
  // password is public, so a server database or a production start gets it only when asked.
  SEED_DEMO: booleanish.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema> & { SITE_OUT_DIR: string; DATA_DIR: string; SEED_DEMO: boolean };

/** Thrown for a bad environment; the message names every offending variable. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses `source` (default `process.env`); throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset" (a common shell habit: FOO= npm start).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = result.data;
  if (env.AUTH_PROVIDER === 'supabase' && (!env.SUPABASE_URL || !env.SUPABASE_ANON_KEY)) {
    throw new EnvError(
      'Invalid environment:\n  SUPABASE_URL: AUTH_PROVIDER=supabase needs SUPABASE_URL and SUPABASE_ANON_KEY',
    );
  }
  const dataDir = resolve(env.DATA_DIR);
  const seedDemo = env.SEED_DEMO ?? (!env.DATABASE_URL && env.NODE_ENV !== 'production');
  return {
    ...env,
    SEED_DEMO: seedDemo,
    DATA_DIR: dataDir,
    SITE_OUT_DIR: resolve(env.SITE_OUT_DIR ?? `${dataDir}/site`),
  };
}
