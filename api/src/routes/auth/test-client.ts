import { mailedToken } from '../../../test/mailbox.ts';
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

/**
 * A new account as its owner makes it: sign-up (202, the link is mailed), the mailed confirmation
 * link's token, then sign-in. Answers the sign-in's session (`body.data`).
 */
export async function signUpConfirmed(
  api: ReturnType<typeof authClient>,
  dataDir: string,
  input: { email: string; password: string; display_name?: string },
) {
  const signup = await api.post('/api/auth/signup', input);
  if (signup.status !== 202) throw new Error(`sign-up answered ${signup.status}: ${JSON.stringify(signup.body)}`);
  const token = await mailedToken(dataDir, input.email.toLowerCase(), '/verify-email');
  const verified = await api.post('/api/auth/verify-email', { token });
  if (verified.status !== 200) throw new Error(`confirmation answered ${verified.status}`);
  const login = await api.post('/api/auth/login', { email: input.email, password: input.password });
  if (login.status !== 200) throw new Error(`sign-in answered ${login.status}: ${JSON.stringify(login.body)}`);
  return login.body.data;
}
