// The soak at full size (docs/reliability.md, "Load"): public SSE clients across many orgs
// on two API processes (api/test/stream-server-entry.ts, site renderer on) while writers change
// statuses through the API; reports exactly-once delivery, write answers, p50/p99 commit→client
// and commit→file, and each process's RSS. The core is api/test/soak/soak.ts (also run by CI at
// 1,000 clients, 20 orgs, 20 writes/s, 15 s in soak.pg.test.ts).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run soak
//   npm run soak -- --clients 10000 --orgs 100 --rate 200 --seconds 60   (the defaults)
//
// It creates and drops its own database (lantern_soak_*). The descriptor limit (ulimit -n) caps
// --clients at about 19,000 (this process holds one per client). Exit code 1 when a check fails.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openPostgres } from '../../api/src/db/postgres.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import { localAccessTokens } from '../../api/src/auth/local-jwt.ts';
import { sessionSigner } from '../../api/src/auth/session-signer.ts';
import { runSoak } from '../../api/test/soak/soak.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '10000' },
    orgs: { type: 'string', default: '100' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
  },
});
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('npm run soak needs DATABASE_URL (a PostgreSQL server)');

const name = `lantern_soak_${randomBytes(4).toString('hex')}`;
const admin = openPostgres({ url: serverUrl, max: 1 });
await admin.query(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const db = openPostgres({ url: url.toString(), max: 4 });
let failed = false;
try {
  await migrate(db);
  // The secret stream-server-entry.ts verifies tokens with (TEST_JWT_SECRET or the test default).
  const secret = process.env.TEST_JWT_SECRET ?? 'test-secret-test-secret-test-secret-0123';
  const signer = sessionSigner(db, localAccessTokens(new TextEncoder().encode(secret), { ttlSeconds: 3600 }));
  const report = await runSoak({
    db,
    databaseUrl: url.toString(),
    sign: (id, email) => signer.sign(id, email),
    clients: Number(values.clients),
    orgs: Number(values.orgs),
    writesPerSecond: Number(values.rate),
    seconds: Number(values.seconds),
    settleMs: 120_000,
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify(report, null, 2));
  const fivexx = Object.entries(report.statuses).filter(([code]) => code === 'network' || Number(code) >= 500);
  failed = report.clientsFailed > 0 || report.clientsWrong > 0 || fivexx.length > 0;
  console.log(
    failed
      ? 'soak: FAILED (failed clients, wrong event sequences, 5xx or network errors: see the report)'
      : 'soak: every client saw every event of its org exactly once, in order; no 5xx',
  );
} finally {
  await db.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.close();
}
process.exit(failed ? 1 : 0);
