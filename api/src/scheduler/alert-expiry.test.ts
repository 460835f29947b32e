import { describe, expect, it } from 'vitest';
import { createApiKey, createService } from '../../test/fixtures.ts';
import { call, historyOf, statusesOf } from '../routes/incidents/test-kit.ts';
import { firing, webhook } from '../alerts/test-kit.ts';
import { useSchedulerKit, minute, hour } from './scheduler-test-kit.ts';

describe('scheduler leader: alert holds that were not received again expire', () => {
  const kit = useSchedulerKit();
  const post = async (key: string, body: unknown) =>
    call(kit.t, 'POST', `/api/organizations/${kit.world.orgA.id}/integrations/alertmanager`, key, body);

  it('expires a hold after the timeout unless it is repeated, with history source alert and the reason', async () => {
    const scheduler = kit.newScheduler();
    const key = (await createApiKey(kit.t.db, kit.world.orgA.id, ['alerts:write'])).secret;
    const s = await createService(kit.t.db, kit.world.orgA.id);
    const startsAt = kit.t.clock.now().toISOString();
    const alert = firing({ service: s.slug, severity: 'critical' }, startsAt, { summary: 'Queue stuck' });
    const first = await post(key, webhook([alert]));
    const [incidentId] = first.body.data.incident_ids;

    // Alertmanager repeats the group every repeat_interval (4 h by default), well inside the 5 h timeout.
    kit.t.clock.advance(4 * hour);
    await post(key, webhook([alert]));
    kit.t.clock.advance(4 * hour + 59 * minute);
    await scheduler.tick();
    expect(await statusesOf(kit.t.db, [s.id])).toEqual({ [s.id]: 'major_outage' });

    // No repeat for 5 h: the next tick ends the hold and the alert incident.
    kit.t.clock.advance(2 * minute);
    await scheduler.tick();
    expect(await statusesOf(kit.t.db, [s.id])).toEqual({ [s.id]: 'operational' });
    const history = await kit.t.db.query<{ status: string; source: string; message: string; actor: { type: string } }>(
      `select status, source, message, actor from public.service_status_history where service_id = $1 order by created_at`,
      [s.id],
    );
    expect(history.at(-1)).toMatchObject({ status: 'operational', source: 'alert', actor: { type: 'system' } });
    expect(history.at(-1)!.message).toMatch(/^Alert expired: TestAlert was not received again since .*timed out/);
    const incident = await call(
      kit.t,
      'GET',
      `/api/organizations/${kit.world.orgA.id}/incidents/${incidentId}`,
      kit.member,
    );
    expect(incident.body.data).toMatchObject({ status: 'resolved' });
    expect(incident.body.data.updates[0].message).toMatch(/^Expired \(not received again/);

    // The same alert received again after its expiry holds again.
    await post(key, webhook([alert]));
    expect(await statusesOf(kit.t.db, [s.id])).toEqual({ [s.id]: 'major_outage' });
  });

  it('uses an endsAt the sender gives, and shows an alert through a maintenance', async () => {
    const scheduler = kit.newScheduler();
    const key = (await createApiKey(kit.t.db, kit.world.orgA.id, ['alerts:write'])).secret;
    const s = await createService(kit.t.db, kit.world.orgA.id);
    const m = await kit.schedule(minute, 3 * hour, [s.id]);
    kit.t.clock.current = new Date(m.starts_at);
    await scheduler.tick();
    expect(await statusesOf(kit.t.db, [s.id])).toEqual({ [s.id]: 'under_maintenance' });

    const now = kit.t.clock.now();
    const alert = {
      ...firing({ service: s.slug, severity: 'warning' }, now.toISOString()),
      endsAt: new Date(now.getTime() + 10 * minute).toISOString(),
    };
    await post(key, webhook([alert]));
    expect(await statusesOf(kit.t.db, [s.id])).toEqual({ [s.id]: 'partial_outage' });
    kit.t.clock.advance(10 * minute);
    await scheduler.tick();
    expect(await statusesOf(kit.t.db, [s.id])).toEqual({ [s.id]: 'under_maintenance' });
    expect((await historyOf(kit.t.db, s.id)).map((h) => [h.status, h.source])).toEqual([
      ['under_maintenance', 'maintenance'],
      ['partial_outage', 'alert'],
      ['under_maintenance', 'alert'],
    ]);
  });
});
