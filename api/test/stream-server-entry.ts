// One API process for the multi-process stream tests and the fan-out benchmark: the real app with
// realtime on DATABASE_URL (already migrated), listening on 127.0.0.1:PORT (0: any); prints
// `listening <port>` on stdout. Access tokens use the test secret (TEST_JWT_SECRET). SITE_RENDERER=1
// also runs the static site renderer (into SITE_OUT_DIR; one leader among the processes), as serve.ts does.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.ts';
import { listen } from '../src/http/listen.ts';
import { parseEnv } from '../src/env.ts';
import { createLogger } from '../src/logger.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { localAccessTokens } from '../src/auth/local-jwt.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { createDeps } from '../src/deps.ts';
import { createRealtime } from '../src/realtime/realtime.ts';
import { createOutboundGuard } from './outbound-guard.ts';
import { createSiteRenderer } from '../src/static-site/site-renderer.ts';
import { systemClock } from '../src/clock.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'lantern-stream-server-'));
const env = parseEnv({
  ...process.env,
  NODE_ENV: 'test',
  DATA_DIR: dataDir,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
});
const db = openPostgres({ url: env.DATABASE_URL!, max: Number(process.env.DB_POOL ?? 10) });
const log = createLogger(env.LOG_LEVEL);
const tokens = localAccessTokens(
  new TextEncoder().encode(process.env.TEST_JWT_SECRET ?? 'test-secret-test-secret-test-secret-0123'),
);
// Mail goes to .eml files only, whatever SMTP_URL the environment has.
const mail = createMailer({ mailDir: join(dataDir, 'mail'), from: env.MAIL_FROM });
const realtime = createRealtime({ db, log });
await realtime.start();
// Tests' child servers resolve only `*.test` names and connect only to loopback, like test-app.ts.
const deps = createDeps(env, db, { log, localTokens: tokens, mail, realtime, outbound: createOutboundGuard() });
const app = createApp(deps);
const siteRenderer =
  process.env.SITE_RENDERER === '1' ? createSiteRenderer({ db, env, log, clock: systemClock, realtime }) : null;
await siteRenderer?.start();
const server = listen(app, deps, { port: env.PORT, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(`listening ${info.port}\n`);
});
process.on('message', (message) => {
  // --expose-gc (the benchmark): measure live memory, not garbage awaiting collection.
  if (message === 'stats') (globalThis as { gc?: () => void }).gc?.();
  if (message === 'stats')
    process.send?.({ stats: realtime.stats(), rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed });
});
process.once('SIGTERM', async () => {
  server.close();
  await siteRenderer?.stop();
  await realtime.close();
  await db.close();
  process.exit(0);
});
