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
import { createDeps } from '../../api/src/deps.ts';
import { createRealtime } from '../../api/src/realtime/realtime.ts';
import { createOutboundGuard } from '../../api/test/outbound-guard.ts';

const env = parseEnv({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
const db = await openDatabase(env);
await migrate(db);
await seedDemo(db);
const log = createLogger(env.LOG_LEVEL);
const tokens = localAccessTokens(new TextEncoder().encode('widget-test-secret-widget-test-secret-01'));
// Mail goes to .eml files only, whatever SMTP_URL the environment has.
const mail = createMailer({ mailDir: join(env.DATA_DIR, 'mail'), from: env.MAIL_FROM });
const realtime = createRealtime({ db, log });
await realtime.start();
const deps = createDeps(env, db, {
  log,
  localTokens: tokens,
  mail,
  realtime,
  // Tests' child servers resolve only `*.test` names and connect only to loopback, like test-app.ts.
  outbound: createOutboundGuard(),
});
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
