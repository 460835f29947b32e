import { describe, expect, it } from 'vitest';
import { overallIndicators } from '../../../api/src/contract/status.ts';
import type { PublicStatus } from '../../../api/src/contract/public-status.ts';
import { indicatorThemeColor, linkPreview } from './link-preview.ts';

const snapshot = (overrides: Partial<PublicStatus> = {}): PublicStatus =>
  ({
    organization: { name: 'Acme', slug: 'acme', logo_url: '/api/public/status/acme/logo?v=3' },
    status: { indicator: 'major', description: 'Partial System Outage' },
    services: [],
    groups: [],
    incidents: [{ title: 'Checkout errors' }],
    recently_resolved_incidents: [],
    active_maintenances: [{ title: 'Database upgrade' }],
    upcoming_maintenances: [],
    seq: 7,
    ...overrides,
  }) as PublicStatus;

describe('linkPreview', () => {
  it('carries the current status, the open incidents and maintenances, and the status colour', () => {
    const preview = linkPreview(snapshot(), 'https://status.acme.test', './logo.png');
    expect(preview).toEqual({
      title: 'Acme: Partial System Outage',
      description: 'Partial System Outage. Incident: Checkout errors. Maintenance: Database upgrade.',
      image: 'https://status.acme.test/api/public/status/acme/logo?v=3',
      themeColor: '#d1570b',
    });
  });

  it('falls back to the relative logo without a public base URL, and to no image without a logo', () => {
    expect(linkPreview(snapshot(), null, './logo.png').image).toBe('./logo.png');
    const noLogo = snapshot({ organization: { ...snapshot().organization, logo_url: null } });
    expect(linkPreview(noLogo, 'https://x.test', null).image).toBeNull();
  });

  it('has a distinct colour for every indicator', () => {
    expect(new Set(overallIndicators.map((i) => indicatorThemeColor[i])).size).toBe(overallIndicators.length);
  });
});
