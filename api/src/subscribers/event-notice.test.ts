import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../db/events.ts';
import { eventNotice } from './event-notice.ts';

const event = (type: string, payload: Record<string, unknown>): StoredEvent => ({
  org_id: 'o',
  seq: 1,
  type,
  payload,
  actor: {},
  created_at: '2026-01-01T00:00:00Z',
});
const incident = (status: string) => ({
  id: 'i1',
  title: 'API errors',
  status,
  services: [{ service_id: 's1' }],
  updates: [{ message: 'Latest words', status }],
});
const maintenance = (status: string) => ({
  id: 'm1',
  title: 'Upgrade',
  status,
  description: 'Planned work',
  starts_at: '2026-01-02T10:00:00Z',
  ends_at: '2026-01-02T12:00:00Z',
  service_ids: ['s2'],
  updates: [],
});

describe('which events subscribers hear of, and what the mail says', () => {
  it('incidents: created, updated, resolved; a resolving timeline update only once', () => {
    expect(eventNotice(event('incident.created', { incident: incident('investigating') }))).toMatchObject({
      headline: 'New incident',
      title: 'API errors',
      status: 'investigating',
      message: 'Latest words',
      serviceIds: ['s1'],
      statusChange: false,
      link: { kind: 'incidents', id: 'i1' },
    });
    expect(eventNotice(event('incident.updated', { incident: incident('identified') }))?.headline).toBe(
      'Incident update',
    );
    expect(eventNotice(event('incident_update.created', { incident: incident('monitoring') }))?.headline).toBe(
      'Incident update',
    );
    expect(eventNotice(event('incident_update.created', { incident: incident('resolved') }))).toBeNull();
    expect(eventNotice(event('incident.resolved', { incident: incident('resolved') }))?.headline).toBe(
      'Incident resolved',
    );
  });

  it('maintenances: scheduled, started, completed, cancelled (not plain edits)', () => {
    const headlines = [
      'maintenance.created',
      'maintenance.started',
      'maintenance.completed',
      'maintenance.cancelled',
    ].map((type) => eventNotice(event(type, { maintenance: maintenance('scheduled') }))?.headline);
    expect(headlines).toEqual([
      'Maintenance scheduled',
      'Maintenance started',
      'Maintenance completed',
      'Maintenance cancelled',
    ]);
    const notice = eventNotice(event('maintenance.created', { maintenance: maintenance('scheduled') }))!;
    expect(notice.serviceIds).toEqual(['s2']);
    expect(notice.message).toContain('Planned work');
    expect(notice.message).toContain('2026-01-02T10:00:00Z');
    expect(eventNotice(event('maintenance.updated', { maintenance: maintenance('scheduled') }))).toBeNull();
  });

  it('service status changes only for those who opted in; other events for nobody', () => {
    const notice = eventNotice(
      event('service.status_changed', {
        service: { id: 's1', name: 'API', status: 'major_outage' },
        previous_status: 'operational',
      }),
    );
    expect(notice).toMatchObject({ statusChange: true, serviceIds: ['s1'], status: 'major outage' });
    expect(notice!.message).toBe('API is now major outage (was operational).');
    expect(eventNotice(event('service.updated', { service: { id: 's1' } }))).toBeNull();
    expect(eventNotice(event('member.added', {}))).toBeNull();
  });
});
