import type { MatrixRows } from '../types.ts';

// Event streams are sent through a real server (send.ts): a 200 is checked by its status and headers,
// then the stream is closed.
export const streamRows: MatrixRows = {
  'GET /api/public/status/{orgSlug}/stream': {
    request: ({ world }) => ({ params: { orgSlug: world.orgA.slug } }),
    // The public stream is public: everyone gets it, whoever they are (an API key of any org included).
    expect: {
      anonymous: 200,
      outsider: 'anonymous',
      viewer: 'anonymous',
      member: 'anonymous',
      admin: 'anonymous',
      otherAdmin: 'anonymous',
      otherKey: 'anonymous',
      keys: { default: 'anonymous' },
    },
  },
  'GET /api/organizations/{orgId}/stream': {
    request: ({ world }) => ({ params: { orgId: world.orgA.id } }),
    // Every event of the org, private data included: viewers and up, and keys holding `read`.
    expect: {
      anonymous: 401,
      outsider: 403,
      viewer: 200,
      member: 'viewer',
      admin: 'viewer',
      otherAdmin: 403,
      otherKey: 403,
      keys: { default: 403, read: 200 },
    },
  },
};
