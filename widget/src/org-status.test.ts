import { describe, expect, it } from 'vitest';
import type { PublicStreamEventMap } from '../../api/src/contract/stream-events.ts';
import type { StreamEvent } from './stream-client.ts';
import { applyStreamEvent, type OrgStatus } from './org-status.ts';

const snapshot = {
  organization: { id: 'o', slug: 'acme', name: 'Acme' },
  status: { indicator: 'none', description: 'All Systems Operational' },
  services: [
    { id: 's1', slug: 'api', status: 'operational' },
    { id: 's2', slug: 'web', status: 'operational' },
  ],
  groups: [],
  incidents: [{ id: 'i1', title: 'Old', status: 'monitoring' }],
  recently_resolved_incidents: [],
  active_maintenances: [],
  upcoming_maintenances: [{ id: 'm1', title: 'Upgrade', status: 'scheduled' }],
  seq: 10,
} as unknown as OrgStatus;

const event = (name: string, id: number, data: object) =>
  ({ event: name, id: String(id), data }) as unknown as StreamEvent<PublicStreamEventMap>;

describe('applyStreamEvent', () => {
  it('a snapshot replaces the state; changes before any snapshot are ignored', () => {
    expect(applyStreamEvent(null, event('service', 3, { service: { id: 's1' }, indicator: 'none' }))).toBeNull();
    expect(applyStreamEvent(null, { event: 'snapshot', id: '10', data: snapshot })).toBe(snapshot);
  });

  it('a service change replaces it in place and moves seq and the indicator; a deletion drops it', () => {
    const next = applyStreamEvent(
      snapshot,
      event('service', 11, { service: { id: 's1', slug: 'api', status: 'major_outage' }, indicator: 'critical' }),
    )!;
    expect(next.services.map((s) => [s.id, s.status])).toEqual([
      ['s1', 'major_outage'],
      ['s2', 'operational'],
    ]);
    expect(next.seq).toBe(11);
    expect(next.status.indicator).toBe('critical');
    expect(snapshot.services[0]!.status).toBe('operational'); // never mutated
    const gone = applyStreamEvent(next, event('service', 12, { id: 's2', deleted: true, indicator: 'critical' }))!;
    expect(gone.services.map((s) => s.id)).toEqual(['s1']);
  });

  it('keeps open incidents only, newest first', () => {
    const opened = applyStreamEvent(
      snapshot,
      event('incident', 11, { incident: { id: 'i2', status: 'investigating' }, indicator: 'minor' }),
    )!;
    expect(opened.incidents.map((i) => i.id)).toEqual(['i2', 'i1']);
    const resolved = applyStreamEvent(
      opened,
      event('incident', 12, { incident: { id: 'i1', status: 'resolved' }, indicator: 'minor' }),
    )!;
    expect(resolved.incidents.map((i) => i.id)).toEqual(['i2']);
  });

  it('moves a maintenance from upcoming to active and out when it completes', () => {
    const started = applyStreamEvent(
      snapshot,
      event('maintenance', 11, { maintenance: { id: 'm1', status: 'in_progress' }, indicator: 'maintenance' }),
    )!;
    expect(started.active_maintenances.map((m) => m.id)).toEqual(['m1']);
    expect(started.upcoming_maintenances).toEqual([]);
    const done = applyStreamEvent(
      started,
      event('maintenance', 12, { maintenance: { id: 'm1', status: 'completed' }, indicator: 'none' }),
    )!;
    expect(done.active_maintenances).toEqual([]);
  });

  it('merges organization changes', () => {
    const renamed = applyStreamEvent(
      snapshot,
      event('organization', 11, { organization: { id: 'o', name: 'Acme Inc' }, groups: [], indicator: 'none' }),
    )!;
    expect(renamed.organization).toMatchObject({ slug: 'acme', name: 'Acme Inc' });
  });
});
