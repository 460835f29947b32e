import { describe, expect, it } from 'vitest';
import { effectiveStatus, type StatusHolds } from './effective-status.ts';

const none: StatusHolds = { manual: 'operational', incidents: [], alerts: [], inMaintenance: false };

describe('effectiveStatus', () => {
  it.each<[string, Partial<StatusHolds>, string]>([
    ['nothing holds it', {}, 'operational'],
    ['a manual status alone', { manual: 'degraded_performance' }, 'degraded_performance'],
    ['one open incident', { incidents: ['partial_outage'] }, 'partial_outage'],
    [
      'overlapping incidents: the worst wins',
      { incidents: ['degraded_performance', 'major_outage', 'partial_outage'] },
      'major_outage',
    ],
    ['the first of two incidents resolved: the other still holds', { incidents: ['partial_outage'] }, 'partial_outage'],
    [
      'a manual change while an incident holds worse',
      { manual: 'degraded_performance', incidents: ['major_outage'] },
      'major_outage',
    ],
    [
      'a manual change worse than the incident',
      { manual: 'major_outage', incidents: ['degraded_performance'] },
      'major_outage',
    ],
    ['maintenance with nothing else', { inMaintenance: true }, 'under_maintenance'],
    ['an incident during a maintenance', { incidents: ['partial_outage'], inMaintenance: true }, 'partial_outage'],
    [
      'maintenance ends while an incident holds',
      { incidents: ['partial_outage'], inMaintenance: false },
      'partial_outage',
    ],
    ['incident resolved during a maintenance', { incidents: [], inMaintenance: true }, 'under_maintenance'],
    [
      'an incident that sets operational during maintenance',
      { incidents: ['operational'], inMaintenance: true },
      'under_maintenance',
    ],
    ['a firing alert', { alerts: ['major_outage'] }, 'major_outage'],
    [
      'alert and incident: the worst',
      { alerts: ['degraded_performance'], incidents: ['partial_outage'] },
      'partial_outage',
    ],
    [
      'manual degraded during maintenance',
      { manual: 'degraded_performance', inMaintenance: true },
      'degraded_performance',
    ],
  ])('%s', (_name, holds, expected) => {
    expect(effectiveStatus({ ...none, ...holds })).toBe(expected);
  });
});
