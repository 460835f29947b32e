import type { MatrixRows } from '../types.ts';

/** Health is public: everyone gets 200, including callers of another org. */
export const healthRows: MatrixRows = {
  'GET /api/health': {
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
};
