import { describe, expect, it } from 'vitest';
import { routeTable } from '../../src/routes/index.ts';
import type { Access } from '../../src/http/access.ts';

/**
 * docs/architecture.md's "Who may do what", written as rules over method and path, checked against the
 * access entry of every route of the route table. A new route matches a rule or fails here, so its
 * access is a decision someone made, not a copy of its neighbour's. (The route × caller matrix proves
 * the same entries behave; this test proves they are the ones the table asks for.)
 */

const org = '/api/organizations/{orgId}';
const read: Access = { kind: 'org', role: 'viewer', scopes: ['read'] };
const adminOnly: Access = { kind: 'org', role: 'admin' };
const writer = (scope: 'status:write' | 'incidents:write' | 'maintenances:write'): Access => ({
  kind: 'org',
  role: 'member',
  scopes: [scope],
});

type Rule = [description: string, matches: (method: string, path: string) => boolean, access: Access];

const publicAuthActions = ['signup', 'login', 'refresh', 'verify-email', 'password-reset', 'password-reset/confirm'];
const orgPath = (rest: string) => (path: string) => path === `${org}${rest}` || path.startsWith(`${org}${rest}/`);

// First match wins; order from the most specific to the most general.
const rules: Rule[] = [
  [
    'health, OpenAPI and docs are public',
    (m, p) => m === 'GET' && ['/api/health', '/api/openapi.json', '/api/docs'].includes(p),
    { kind: 'public' },
  ],
  ["the operator's /metrics takes METRICS_TOKEN", (m, p) => m === 'GET' && p === '/metrics', { kind: 'operator' }],
  [
    "an org's metrics: admin, metrics:read",
    (m, p) => m === 'GET' && p === `${org}/metrics`,
    { kind: 'org', role: 'admin', scopes: ['metrics:read'] },
  ],
  ['the public status API is public', (_, p) => p.startsWith('/api/public/'), { kind: 'public' }],
  [
    'anonymous account actions are public',
    (m, p) => m === 'POST' && publicAuthActions.some((a) => p === `/api/auth/${a}`),
    { kind: 'public' },
  ],
  ['other account actions need a signed-in user', (_, p) => p.startsWith('/api/auth/'), { kind: 'user' }],
  [
    'an invitation link is readable by its holder',
    (m, p) => m === 'GET' && p === '/api/invitations/{token}',
    { kind: 'public' },
  ],
  [
    'accepting an invitation needs a signed-in user',
    (m, p) => m === 'POST' && p === '/api/invitations/{token}/accept',
    { kind: 'user' },
  ],
  ['listing and creating orgs needs a signed-in user', (_, p) => p === '/api/organizations', { kind: 'user' }],
  [
    'setting a service status: member, status:write',
    (m, p) => m === 'POST' && p === `${org}/services/{id}/status`,
    writer('status:write'),
  ],
  [
    'deleting an incident erases history: admin only',
    (m, p) => m === 'DELETE' && p === `${org}/incidents/{id}`,
    adminOnly,
  ],
  [
    'incident writes: member, incidents:write',
    (m, p) => m !== 'GET' && orgPath('/incidents')(p),
    writer('incidents:write'),
  ],
  [
    'maintenance writes: member, maintenances:write',
    (m, p) => m !== 'GET' && orgPath('/maintenances')(p),
    writer('maintenances:write'),
  ],
  // Which of the two scopes a key needs follows the template's kind (checked in the handler and by RLS).
  [
    'template writes: member, incidents:write or maintenances:write',
    (m, p) => m !== 'GET' && orgPath('/templates')(p),
    { kind: 'org', role: 'member', scopes: ['incidents:write', 'maintenances:write'] },
  ],
  [
    "Alertmanager's webhook: only a key with alerts:write",
    (m, p) => m === 'POST' && p === `${org}/integrations/alertmanager`,
    { kind: 'api_key', scopes: ['alerts:write'] },
  ],
  ['integration settings: admin only, reads included', (_, p) => orgPath('/integrations')(p), adminOnly],
  [
    'invitations, API keys, subscribers and webhooks: admin only, reads included',
    (_, p) =>
      orgPath('/invitations')(p) || orgPath('/api-keys')(p) || orgPath('/subscribers')(p) || orgPath('/webhooks')(p),
    adminOnly,
  ],
  // Leaving is open to every member; removing someone else is checked in the handler (admins).
  [
    'removing a member or leaving: any member',
    (m, p) => m === 'DELETE' && p === `${org}/members/{userId}`,
    { kind: 'org', role: 'viewer' },
  ],
  ['reading org data: viewer, read', (m, p) => m === 'GET' && (p === org || p.startsWith(`${org}/`)), read],
  [
    'every other org write (settings, logo, members, services, groups, order): admin only',
    (_, p) => p === org || p.startsWith(`${org}/`),
    adminOnly,
  ],
];

const normalise = (access: Access) =>
  access.kind === 'org' ? { ...access, scopes: [...(access.scopes ?? [])].sort() } : access;

describe("route access follows docs/architecture.md's table", () => {
  for (const { route, access } of routeTable) {
    const method = route.method.toUpperCase();
    it(`${method} ${route.path}`, () => {
      const rule = rules.find(([, matches]) => matches(method, route.path));
      expect(rule, 'no rule of this test covers the route: add one from the table').toBeDefined();
      expect(normalise(access), rule![0]).toEqual(normalise(rule![2]));
    });
  }
});
