import { describe, expect, it } from 'vitest';
import { indicatorDescriptions, overallIndicator, worstServiceStatus } from './indicator.ts';
import type { IncidentImpact, OverallIndicator, ServiceStatus } from '../contract/status.ts';

const cases: [string, ServiceStatus[], IncidentImpact[], boolean, OverallIndicator][] = [
  ['nothing at all', [], [], false, 'none'],
  ['all operational', ['operational', 'operational'], [], false, 'none'],
  ['one degraded', ['operational', 'degraded_performance'], [], false, 'minor'],
  ['partial outage', ['partial_outage', 'degraded_performance'], [], false, 'major'],
  ['major outage', ['major_outage', 'partial_outage'], [], false, 'critical'],
  ['maintenance window running', ['operational'], [], true, 'maintenance'],
  ['a service under maintenance', ['under_maintenance', 'operational'], [], false, 'maintenance'],
  ['outage during maintenance', ['under_maintenance', 'partial_outage'], [], true, 'major'],
  ['incident impact beats calm services', ['operational'], ['critical'], false, 'critical'],
  ['impact none changes nothing', ['operational'], ['none'], false, 'none'],
  ['minor incident during maintenance', ['under_maintenance'], ['minor'], true, 'minor'],
  ['worst of services and impacts', ['degraded_performance'], ['major'], false, 'major'],
];

describe('overallIndicator', () => {
  it.each(cases)('%s', (_name, serviceStatuses, openIncidentImpacts, maintenanceInProgress, expected) => {
    expect(overallIndicator({ serviceStatuses, openIncidentImpacts, maintenanceInProgress })).toBe(expected);
  });

  it("uses Statuspage's descriptions", () => {
    expect(indicatorDescriptions).toEqual({
      none: 'All Systems Operational',
      minor: 'Minor Service Outage',
      major: 'Partial System Outage',
      critical: 'Major System Outage',
      maintenance: 'Service Under Maintenance',
    });
  });

  it('ranks a group by its worst service', () => {
    expect(worstServiceStatus([])).toBe('operational');
    expect(worstServiceStatus(['under_maintenance', 'operational'])).toBe('under_maintenance');
    expect(worstServiceStatus(['under_maintenance', 'degraded_performance', 'operational'])).toBe(
      'degraded_performance',
    );
  });
});
