import { describe, expect, it } from 'vitest';
import { deriveOperationId, operationIdOf } from './operation-id.ts';

describe('operationId derivation', () => {
  it('names plain create/read/update/delete routes from method and path', () => {
    const cases: [string, string, string][] = [
      ['get', '/api/organizations/{orgId}/services', 'listServices'],
      ['post', '/api/organizations/{orgId}/services', 'createService'],
      ['get', '/api/organizations/{orgId}/services/{id}', 'getService'],
      ['put', '/api/organizations/{orgId}/service-groups/{id}', 'updateServiceGroup'],
      ['delete', '/api/organizations/{orgId}/incidents/{id}/updates/{updateId}', 'deleteIncidentUpdate'],
      ['get', '/api/organizations/{orgId}/services/{id}/history', 'getServiceHistory'],
      ['get', '/api/organizations/{orgId}', 'getOrganization'],
      ['get', '/api/organizations', 'listOrganizations'],
      ['get', '/api/public/status/{orgSlug}', 'getPublicStatus'],
      ['get', '/api/health', 'getHealth'],
    ];
    for (const [method, path, id] of cases) expect(deriveOperationId(method, path), `${method} ${path}`).toBe(id);
  });

  it("prefers the route's own name, and refuses one that is not camelCase", () => {
    expect(operationIdOf({ method: 'post', path: '/api/auth/login', operationId: 'logIn' })).toBe('logIn');
    expect(() => operationIdOf({ method: 'post', path: '/api/auth/login', operationId: 'log-in' })).toThrow(
      /camelCase/,
    );
  });
});
