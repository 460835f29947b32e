import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createPublicWorld, write, type PublicWorld } from './test-kit.ts';
import {
  statuspageComponentKeys,
  statuspageIncidentKeys,
  statuspageUpdateKeys,
} from '../../../test/statuspage-shapes.ts';

interface Summary {
  page: Record<string, unknown>;
  components: Record<string, unknown>[];
  incidents: (Record<string, unknown> & {
    components: { id: string }[];
    incident_updates: Record<string, unknown>[];
  })[];
  scheduled_maintenances: Record<string, unknown>[];
  status: { indicator: string; description: string };
}

// Statuspage's public /api/v2/summary.json field names (developer.statuspage.io, "Summary").
const componentKeys = [...statuspageComponentKeys].sort();
const incidentKeys = [...statuspageIncidentKeys].sort();
const updateKeys = [...statuspageUpdateKeys].sort();

describe('GET /api/public/status/:orgSlug/summary.json', () => {
  let t: TestContext;
  let w: PublicWorld;
  let res: Response;
  let text: string;
  let summary: Summary;

  beforeAll(async () => {
    t = await createTestContext({ PUBLIC_BASE_URL: 'https://status.example.test' });
    w = await createPublicWorld(t.db);
    res = await t.app.request(`/api/public/status/${w.org.slug}/summary.json`);
    text = await res.text();
    summary = JSON.parse(text) as Summary;
  });
  afterAll(() => t.close());

  it("has Statuspage's shape", () => {
    expect(res.status).toBe(200);
    expect(Object.keys(summary).sort()).toEqual([
      'components',
      'incidents',
      'page',
      'scheduled_maintenances',
      'status',
    ]);
    expect(summary.page).toEqual({
      id: w.org.id,
      name: w.org.slug,
      url: `https://status.example.test/status/${w.org.slug}/`,
      time_zone: 'UTC',
      updated_at: expect.stringMatching(/Z$/),
    });
    for (const component of summary.components) {
      const keys = Object.keys(component)
        .filter((k) => k !== 'components')
        .sort();
      expect(keys).toEqual(componentKeys);
    }
    for (const incident of [...summary.incidents, ...summary.scheduled_maintenances]) {
      expect(
        Object.keys(incident)
          .filter((k) => k !== 'scheduled_for' && k !== 'scheduled_until')
          .sort(),
      ).toEqual(incidentKeys);
      for (const update of incident.incident_updates as Record<string, unknown>[])
        expect(Object.keys(update).sort()).toEqual(updateKeys);
    }
    expect(summary.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
  });

  it('lists groups as components with their children, in position order', () => {
    expect(summary.components.map((c) => [c.id, c.group, c.group_id ?? null])).toEqual([
      [w.group, true, null],
      [w.api, false, w.group],
      [w.web, false, null],
    ]);
    expect(summary.components[0]!.components).toEqual([w.api]);
  });

  it('lists unresolved incidents and upcoming or running maintenances, public parts only', () => {
    expect(summary.incidents.map((i) => i.id)).toEqual([w.both]);
    expect(summary.incidents[0]!.components.map((c) => c.id)).toEqual([w.api]);
    expect(summary.incidents[0]!.shortlink).toBe(
      `https://status.example.test/status/${w.org.slug}/incidents/${w.both}`,
    );
    expect(summary.scheduled_maintenances.map((m) => [m.id, m.status, m.impact])).toEqual([
      [w.active, 'in_progress', 'maintenance'],
      [w.upcoming, 'scheduled', 'maintenance'],
    ]);
    expect(summary.scheduled_maintenances[1]).toHaveProperty('scheduled_for');
    for (const secret of [w.secret, w.privateOnly, w.privateWindow, 'Secret']) expect(text).not.toContain(secret);
  });

  it('has its own ETag, CORS and 304', async () => {
    const etag = res.headers.get('etag')!;
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const status = await t.app.request(`/api/public/status/${w.org.slug}`);
    expect(status.headers.get('etag')).not.toBe(etag);
    const again = await t.app.request(`/api/public/status/${w.org.slug}/summary.json`, {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
  });

  it("says `none` where our own page says `maintenance` (Statuspage's indicator set has no maintenance)", async () => {
    // Only the maintenance is left: the outage is over and its incident resolved.
    await write(t.db, w.org.id, async (tx) => {
      await tx.query(`update public.services set status = 'operational' where id = $1`, [w.api]);
      await tx.query(
        `update public.incidents set status = 'resolved', resolved_at = now() where org_id = $1 and resolved_at is null`,
        [w.org.id],
      );
    });
    // The cached page is dropped on the change's notification (asynchronous on a server): wait for it.
    await vi.waitFor(
      async () => {
        const own = (await (await t.app.request(`/api/public/status/${w.org.slug}`)).json()) as {
          data: { status: { indicator: string } };
        };
        expect(own.data.status.indicator).toBe('maintenance');
      },
      { timeout: 5_000, interval: 20 },
    );
    const statuspage = (await (await t.app.request(`/api/public/status/${w.org.slug}/summary.json`)).json()) as Summary;
    expect(statuspage.status.indicator).toBe('none');
  });
});
