import type { MatrixRows } from '../types.ts';

/**
 * The operator's /metrics is open when METRICS_TOKEN is unset (as here; the token check has its own
 * test): everyone gets 200, and it carries no org's data. An org's metrics: admins and
 * `metrics:read` keys of that org only.
 */
export const metricsRows: MatrixRows = {
  'GET /metrics': {
    request: () => ({}),
    expect: {
      anonymous: 200,
      outsider: 200,
      viewer: 200,
      member: 200,
      admin: 200,
      otherAdmin: 200,
      otherKey: 200,
      keys: { default: 200 },
    },
  },
  'GET /api/organizations/{orgId}/metrics': {
    request: ({ world }) => ({ params: { orgId: world.orgA.id } }),
    expect: {
      anonymous: 401,
      outsider: 403,
      viewer: 403,
      member: 403,
      admin: 200,
      otherAdmin: 403,
      otherKey: 403,
      keys: { default: 403, 'metrics:read': 200 },
    },
  },
};
