import type { App } from '../../app.ts';

/** JSON POST/GET against the app for the auth tests; answers status, headers and parsed body. */
export function authClient(app: App) {
  async function call(
    method: string,
    path: string,
    { body, token, env }: { body?: unknown; token?: string | undefined; env?: unknown } = {},
  ) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers['Authorization'] = `Bearer ${token}`;
    const res = await app.request(
      path,
      { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
      env as never,
    );
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json: any = text ? JSON.parse(text) : null;
    return { status: res.status, headers: res.headers, body: json };
  }
  return {
    post: (path: string, body?: unknown, token?: string, env?: unknown) =>
      call('POST', path, { body: body ?? {}, token, env }),
    get: (path: string, token?: string) => call('GET', path, { token }),
  };
}
