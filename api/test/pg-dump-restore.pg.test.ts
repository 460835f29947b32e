import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../src/db/postgres.ts';
import { seedDemo } from '../src/db/seed.ts';
import { restoreSeqJump, restoreSeqJumpSql } from '../src/db/restore-epoch.ts';
import { withDatabase } from './global-setup.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

const run = promisify(execFile);

/** What a restore must give back: row counts and every org's and service's content. */
async function contents(url: string) {
  const db = openPostgres({ url, max: 1 });
  try {
    const [row] = await db.query<Record<string, unknown>>(
      `select (select count(*)::int from public.status_events) as events,
              (select count(*)::int from public.service_status_history) as history,
              (select count(*)::int from public.incidents) as incidents,
              (select count(*)::int from public.organization_members) as members,
              (select json_agg(s order by s.id) from public.services s) as services,
              (select json_agg(json_build_object('id', o.id, 'slug', o.slug, 'seq', o.last_event_seq) order by o.id)
                 from public.organizations o) as orgs`,
    );
    return row!;
  } finally {
    await db.close();
  }
}

// The documented backup of a server (docs/reliability.md): pg_dump, pg_restore into an empty
// database, then the seq jump with psql, exactly as written there.
describe('pg_dump / pg_restore of a server database', () => {
  let source: TestDatabase;
  let dir: string;
  const injected = inject('testDb');
  if (injected.kind !== 'postgres') throw new Error('a *.pg.test.ts file runs on the PostgreSQL server only');
  const config = injected;
  const restoredName = `lantern_${config.runId}_restored_${randomBytes(4).toString('hex')}`;
  const admin = () => openPostgres({ url: config.url, max: 1 });

  beforeAll(async () => {
    source = await createTestDatabase();
    await seedDemo(source.db);
    dir = await mkdtemp(join(tmpdir(), 'lantern-pgdump-'));
  });
  afterAll(async () => {
    const db = admin();
    await db.query(`drop database if exists ${restoredName} with (force)`);
    await db.close();
    await source?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives back the same data, with every org seq moved past the old ids', async () => {
    const file = join(dir, 'lantern.dump');
    const started = performance.now();
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, source.url!]);
    const db = admin();
    await db.query(`create database ${restoredName}`);
    await db.close();
    const restoredUrl = withDatabase(config.url, restoredName);
    await run('pg_restore', ['--no-owner', `--dbname=${restoredUrl}`, file]);
    await run('psql', [restoredUrl, '-v', 'ON_ERROR_STOP=1', '-c', restoreSeqJumpSql]);
    const ms = performance.now() - started;

    const before = await contents(source.url!);
    const after = await contents(restoredUrl);
    const orgs = (rows: unknown) => rows as { id: string; slug: string; seq: number }[];
    expect({ ...after, orgs: undefined }).toEqual({ ...before, orgs: undefined });
    expect(orgs(after.orgs)).toEqual(orgs(before.orgs).map((org) => ({ ...org, seq: org.seq + restoreSeqJump })));
    console.log(`[reliability] pg_dump + pg_restore + seq jump of the demo database: ${Math.round(ms)} ms`);
  }, 120_000);
});
