import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './test-app.ts';

describe('GET /api/health', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('answers 200 with the database state and schema version', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/.{8,}/);
    const body = await res.json();
    expect(body).toEqual({
      status: 'ok',
      database: { kind: t.db.kind, status: 'up', schema_version: expect.stringMatching(/^\d{4}_/) },
    });
  });

  it('answers unknown routes with the standard error body', async () => {
    const res = await t.app.request('/api/nope');
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body).toEqual({
      error: { code: 'not_found', message: 'Route not found', requestId: res.headers.get('x-request-id') },
    });
  });

  it('refuses a malformed bearer token with 401 rather than treating it as anonymous', async () => {
    const res = await t.app.request('/api/health', { headers: { Authorization: 'Bearer not-a-token' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });
});
