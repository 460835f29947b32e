import type { TestContext } from '../test-app.ts';
import type { MatrixRequest } from './types.ts';

/** Fills `{param}` segments of an OpenAPI path pattern; a missing value is a mistake in the row. */
export function fillPath(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`matrix row for ${pattern} gives no value for {${name}}`);
    return encodeURIComponent(value);
  });
}

/** Sends one matrix request through app.request (no port). */
export function sendMatrixRequest(
  t: TestContext,
  method: string,
  pattern: string,
  request: MatrixRequest,
  auth: Record<string, string>,
): Promise<Response> {
  const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
  const headers: Record<string, string> = { ...auth, ...request.headers };
  let body: RequestInit['body'] = request.body;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers['Content-Type'] ??= 'application/json';
  }
  return Promise.resolve(
    t.app.request(`${fillPath(pattern, request.params)}${query}`, { method: method.toUpperCase(), headers, body }),
  );
}
