// Commit → new index.html: the time from just before an API status change to the org's index.html
// on disk showing it, over `changes` changes (the renderer fed by the realtime reader, as in serve.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createApp } from '../../api/src/app.ts';
import { parseEnv } from '../../api/src/env.ts';
import { createLogger } from '../../api/src/logger.ts';
import { openDatabase } from '../../api/src/db/open.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { asSystem } from '../../api/src/db/doors.ts';
import { systemClock } from '../../api/src/clock.ts';
import { localAccessTokens } from '../../api/src/auth/local-jwt.ts';
import { createMailer } from '../../api/src/mail/mailer.ts';
import { createAuthService } from '../../api/src/auth/auth-service.ts';
import { createRealtime } from '../../api/src/realtime/realtime.ts';
import { createSiteRenderer } from '../../api/src/static-site/site-renderer.ts';
import { createMetrics } from '../../api/src/metrics/metrics.ts';
import { systemOutbound } from '../../api/src/outbound/outbound.ts';

/** p-th percentile (nearest rank) of sorted values. */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function measureCommitToFile(
  changes = 200,
): Promise<{ p50: number; p99: number; max: number; renders: number }> {
  const scratch = fileURLToPath(new URL('../../.tmp/', import.meta.url));
  mkdirSync(scratch, { recursive: true });
  const dataDir = mkdtempSync(join(scratch, 'bench-latency-'));
  const env = parseEnv({ ...process.env, DATA_DIR: dataDir, SITE_OUT_DIR: join(dataDir, 'site'), LOG_LEVEL: 'silent' });
  const log = createLogger('silent');
  const db = await openDatabase(env);
  try {
    await migrate(db);
    await seedDemo(db);
    const tokens = localAccessTokens(new TextEncoder().encode('bench-secret-bench-secret-bench-secret-01'));
    const mail = createMailer({ mailDir: join(dataDir, 'mail'), from: env.MAIL_FROM });
    const auth = createAuthService({ env, db, clock: systemClock, localTokens: tokens });
    const realtime = createRealtime({ db, log });
    await realtime.start();
    const metrics = createMetrics();
    const app = createApp({
      env,
      db,
      log,
      clock: systemClock,
      tokens: auth.tokens,
      mail,
      auth,
      realtime,
      metrics,
      outbound: systemOutbound,
    });
    const renderer = createSiteRenderer({ db, env, log, clock: systemClock, realtime });
    await renderer.start();
    await renderer.idle();
    const [row] = await asSystem(db, 'bench', (tx) =>
      tx.query<{ org_id: string; service_id: string; user_id: string; email: string }>(
        `select s.org_id, s.id as service_id, m.user_id, u.email from public.services s
         join public.organizations o on o.id = s.org_id and o.slug = 'demo'
         join public.organization_members m on m.org_id = o.id and m.role = 'admin'
         join auth.users u on u.id = m.user_id where s.is_public order by s.position limit 1`,
      ),
    );
    const { org_id: orgId, service_id: serviceId } = row!;
    const authorization = `Bearer ${await tokens.sign(row!.user_id, row!.email)}`;
    const index = join(env.SITE_OUT_DIR, 'status', 'demo', 'index.html');
    const pattern = new RegExp(`data-service-id="${serviceId}"[\\s\\S]*?data-service-status="(\\w+)"`);
    const samples: number[] = [];
    const before = renderer.stats().renders;
    for (let i = 0; i < changes; i++) {
      const status = i % 2 === 0 ? 'major_outage' : 'operational';
      const started = performance.now();
      const res = await app.request(`/api/organizations/${orgId}/services/${serviceId}/status`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status }),
      });
      if (res.status !== 200) throw new Error(`status change answered ${res.status}`);
      // Poll the file (1 ms): what a visitor would read.
      for (;;) {
        let html = '';
        try {
          html = readFileSync(index, 'utf8');
        } catch {}
        if (pattern.exec(html)?.[1] === status) break;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      samples.push(performance.now() - started);
      await renderer.idle();
    }
    const renders = renderer.stats().renders - before;
    await renderer.stop();
    await realtime.close();
    samples.sort((a, b) => a - b);
    return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples[samples.length - 1]!, renders };
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
