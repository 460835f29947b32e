import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createOrg } from '../../../test/fixtures.ts';
import { createService, updateService } from '../../../test/streams.ts';
import { asSystem } from '../../db/doors.ts';
import { appendEvent } from '../../db/events.ts';
import type { PublicStatus } from '../../contract/public-status.ts';

// The page's "last updated" must not tell anyone when private things change.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const read = async (slug: string) =>
  ((await (await t.app.request(`/api/public/status/${slug}`)).json()) as { data: PublicStatus }).data;
const summaryUpdatedAt = async (slug: string) =>
  ((await (await t.app.request(`/api/public/status/${slug}/summary.json`)).json()) as { page: { updated_at: string } })
    .page.updated_at;
const eventTime = async (orgId: string, seq: number) =>
  new Date(
    (
      await t.db.query<{ created_at: string }>(
        'select created_at from public.status_events where org_id = $1 and seq = $2',
        [orgId, seq],
      )
    )[0]!.created_at,
  ).toISOString();

describe('public page update time', () => {
  it('moves with public changes only, in the snapshot and in summary.json', async () => {
    const org = await createOrg(t.db);
    const pub = await createService(t.db, org.id);
    const priv = await createService(t.db, org.id, { isPublic: false });
    const publicSeq = await updateService(t.db, org.id, pub.id, { status: 'degraded_performance' });
    const first = await vi.waitFor(async () => {
      const page = await read(org.slug);
      expect(page.seq).toBe(publicSeq);
      return page;
    });
    expect(first.organization.updated_at).toBe(await eventTime(org.id, publicSeq));

    // Private changes: a private service, an API key, a member-only event. The seq moves (the stream
    // resumes from it), the update time does not.
    await updateService(t.db, org.id, priv.id, { status: 'major_outage' });
    const lastPrivate = await asSystem(t.db, 'test', (tx) => appendEvent(tx, org.id, 'api_key.created', { id: 'x' }));
    // Make the private events unmistakably later (a leak would show their time).
    await t.db.query(
      `update public.status_events set created_at = created_at + interval '1 hour' where org_id = $1 and seq > $2`,
      [org.id, publicSeq],
    );
    const second = await vi.waitFor(async () => {
      const page = await read(org.slug);
      expect(page.seq).toBe(Number(lastPrivate.seq));
      return page;
    });
    expect(second.organization.updated_at).toBe(first.organization.updated_at);
    expect(await summaryUpdatedAt(org.slug)).toBe(first.organization.updated_at);

    // A public change moves it.
    const nextPublic = await updateService(t.db, org.id, pub.id, { status: 'operational' });
    const third = await vi.waitFor(async () => {
      const page = await read(org.slug);
      expect(page.seq).toBe(nextPublic);
      return page;
    });
    expect(third.organization.updated_at).toBe(await eventTime(org.id, nextPublic));
  });

  it('is the org creation time before any event', async () => {
    const org = await createOrg(t.db);
    const [row] = await t.db.query<{ created_at: string }>(
      'select created_at from public.organizations where id = $1',
      [org.id],
    );
    const page = await read(org.slug);
    expect(page.organization.updated_at).toBe(new Date(row!.created_at).toISOString());
  });
});
