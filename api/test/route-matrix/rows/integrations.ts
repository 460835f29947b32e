import { createService } from '../../fixtures.ts';
import { firing, webhook } from '../../../src/alerts/test-kit.ts';
import type { MatrixRow, MatrixRows } from '../types.ts';

/** The receiver's settings: admins only, never a key. */
const adminOnly: MatrixRow['expect'] = {
  anonymous: 401,
  outsider: 403,
  viewer: 403,
  member: 403,
  admin: 200,
  otherAdmin: 403,
  otherKey: 403,
  keys: { default: 403 },
};

export const integrationRows: MatrixRows = {
  'POST /api/organizations/{orgId}/integrations/alertmanager': {
    request: async ({ t, world }) => {
      const service = await createService(t.db, world.orgA.id);
      return {
        params: { orgId: world.orgA.id },
        json: webhook([firing({ service: service.slug, severity: 'critical' }, '2030-01-01T10:00:00Z')]),
      };
    },
    expect: {
      anonymous: 401,
      outsider: 403,
      viewer: 403,
      member: 403,
      admin: 403,
      otherAdmin: 403,
      otherKey: 403,
      keys: { default: 403, 'alerts:write': 200 },
    },
  },
  'GET /api/organizations/{orgId}/integrations/alertmanager/settings': {
    request: ({ world }) => ({ params: { orgId: world.orgA.id } }),
    expect: adminOnly,
  },
  'PUT /api/organizations/{orgId}/integrations/alertmanager/settings': {
    request: ({ world }) => ({ params: { orgId: world.orgA.id }, json: { open_incidents: false } }),
    expect: adminOnly,
  },
};
