// The API the widget's browser tests run against: the real app and server (`listen`, fast lane
// included) with realtime, on PGlite in DATA_DIR (migrated, demo seeded on first start), listening
// on 127.0.0.1:PORT (0: any). Prints `listening <port>`. Started, stopped and restarted by
// test/test-api.ts; a restart on the same DATA_DIR keeps the data and the event seqs.
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/src/app.ts';
import { listen } from '../../api/src/http/listen.ts';
import { parseEnv } from '../../api/src/env.ts';
import { createLogger } from '../../api/src/logger.ts';
import { openDatabase } from '../../api/src/db/open.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { localAccessTokens } from '../../api/src/auth/local-jwt.ts';
import { createMailer } from '../../api/src/mail/mailer.ts';
import { createAuthService } from '../../api/src/auth/auth-service.ts';
import type { Deps } from '../../api/src/http/app-env.ts';
import { systemClock } from '../../api/src/clock.ts';
import { createRealtime } from '../../api/src/realtime/realtime.ts';
import { createMetrics } from '../../api/src/metrics/metrics.ts';
import { createOutboundGuard } from '../../api/test/outbound-guard.ts';

const env = parseEnv({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
const db = await openDatabase(env);
await migrate(db);
await seedDemo(db);
const log = createLogger(env.LOG_LEVEL);
const tokens = localAccessTokens(new TextEncoder().encode('widget-test-secret-widget-test-secret-01'));
const mail = createMailer({ mailDir: join(env.DATA_DIR, 'mail'), from: env.MAIL_FROM });
const auth = createAuthService({ env, db, clock: systemClock, localTokens: tokens });
const realtime = createRealtime({ db, log });
await realtime.start();
const deps: Deps = {
  env,
  db,
  log,
  clock: systemClock,
  tokens: auth.tokens,
  mail,
  auth,
  realtime,
  metrics: createMetrics(),
  outbound: createOutboundGuard(),
};
const server = listen(createApp(deps), deps, { port: env.PORT, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(`listening ${info.port}\n`);
});

process.once('SIGTERM', async () => {
  server.closeAllConnections?.();
  server.close();
  await realtime.close();
  await db.close();
  process.exit(0);
});
