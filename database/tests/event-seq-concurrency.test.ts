import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.ts';
import { openPostgres } from '../../api/src/db/postgres.ts';
import { withUser } from '../../api/src/db/doors.ts';
import { appendEvent } from '../../api/src/db/events.ts';
import type { Database } from '../../api/src/db/types.ts';
import { createTenantWorld, type TenantWorld } from '../../api/test/fixtures.ts';

const writers = 8;
const eventsPerWriter = 200;
const total = writers * eventsPerWriter;

/** What one poll of the reader saw. */
interface Poll {
  /** Rows of the org's log visible at that instant, and the highest seq among them. */
  count: number;
  max: number;
  /** Seqs above the previous poll's max, in order. */
  fresh: number[];
}

// The per-org seq is taken under the org's row lock, so commit order is seq order: a reader that has
// seen seq n never later finds a new n-1. Eight writers append concurrently (on PostgreSQL on eight
// connections at once) while a reader polls the log the way the stream does (`seq > last seen`).
describe('event seq under concurrent writers', () => {
  let t: TestDatabase;
  let db: Database;
  let world: TenantWorld;
  beforeAll(async () => {
    t = await createTestDatabase();
    // Eight writers and the reader each hold a connection at once.
    db = t.url ? openPostgres({ url: t.url, max: writers + 2 }) : t.db;
    world = await createTenantWorld(t.db);
  });
  afterAll(async () => {
    if (db !== t.db) await db.close();
    await t.close();
  });

  it(
    `${writers} writers × ${eventsPerWriter} events get seqs 1..${total}, visible in order`,
    { timeout: 180_000 },
    async () => {
      const orgId = world.orgA.id;
      const member = { userId: world.users.memberA.id };
      const viewer = { userId: world.users.viewerA.id };
      let writing = true;

      const write = async (writer: number) => {
        const seqs: number[] = [];
        for (let i = 0; i < eventsPerWriter; i++) {
          const event = await withUser(db, member, (tx) => appendEvent(tx, orgId, 'test.appended', { writer, i }));
          seqs.push(event.seq);
        }
        return seqs;
      };
      // One statement, so the new seqs and the whole log's count and max come from one snapshot.
      const poll = async (after: number): Promise<Poll> => {
        const [seen] = await withUser(db, viewer, (tx) =>
          tx.query<Poll>(
            `select count(*)::int as count, coalesce(max(seq), 0)::int as max,
             coalesce(array_agg(seq::int order by seq) filter (where seq > $2), '{}') as fresh
           from public.status_events where org_id = $1`,
            [orgId, after],
          ),
        );
        return seen!;
      };
      const read = async () => {
        const polls: Poll[] = [];
        let last = 0;
        while (writing) {
          const seen = await poll(last);
          polls.push(seen);
          last = seen.fresh.at(-1) ?? last;
        }
        polls.push(await poll(last)); // after the last commit
        return polls;
      };

      const reader = read();
      const written = await Promise.all(Array.from({ length: writers }, (_, w) => write(w))).finally(() => {
        writing = false;
      });
      const polls = await reader;

      const range = Array.from({ length: total }, (_, i) => i + 1);
      expect(written.flat().sort((a, b) => a - b)).toEqual(range);
      // Each writer's own events are ordered as it committed them.
      for (const seqs of written) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

      // Every poll saw a gapless prefix 1..max, and what was new continued exactly where it left off.
      const gaps = polls.filter((p) => p.count !== p.max);
      expect(gaps).toEqual([]);
      let last = 0;
      const breaks: string[] = [];
      for (const p of polls) {
        const expected = Array.from({ length: p.fresh.length }, (_, i) => last + i + 1);
        if (p.fresh.join() !== expected.join() || p.max !== last + p.fresh.length) {
          breaks.push(`after ${last}: saw [${p.fresh.slice(0, 5).join(', ')}…] with max ${p.max}`);
        }
        last = p.fresh.at(-1) ?? last;
      }
      expect(breaks).toEqual([]);
      expect(polls.flatMap((p) => p.fresh)).toEqual(range);
      // The reader really watched the log grow (not just one read at the end).
      expect(polls.filter((p) => p.max > 0 && p.max < total).length).toBeGreaterThan(1);
    },
  );
});
