import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { startSupabaseStandIn, type SupabaseStandIn } from '../../../test/supabase-stand-in.ts';
import { serveApp } from '../../../test/streams.ts';
import { readMailbox } from '../../../test/mailbox.ts';
import { defaultAdminDistDir } from '../admin-app/serve-admin-app.ts';
import { supabaseRedirectPaths } from '../../auth/supabase-provider.ts';

const publicBaseUrl = 'https://status.example.test';
const password = 'correct-horse-battery';

interface AdminRouter {
  matchRoute(location: { pathname: string; search: string }): { screen: { path: string; needs: string } } | null;
}

/**
 * The admin's own router (admin/src/router.ts), to say which screen a URL opens. Its config reads
 * two meta tags of index.html at import; without a document both fall back to their defaults.
 */
async function adminRouter(): Promise<AdminRouter> {
  const globals = globalThis as { document?: unknown };
  const hadDocument = 'document' in globals;
  globals.document ??= { querySelector: () => null };
  try {
    return (await import(new URL('../../../../admin/src/router.ts', import.meta.url).href)) as AdminRouter;
  } finally {
    if (!hadDocument) delete globals.document;
  }
}

// With AUTH_PROVIDER=supabase, Supabase Auth mails the sign-up confirmation and the reset link and
// sends the user back to the `redirect_to` our provider gave it; invitations are our own mail. Every
// one of them must land on a screen of the admin that the API serves (docs/supabase.md, "Auth").
describe('AUTH_PROVIDER=supabase: every link a user is sent to opens an admin page (against the stand-in)', () => {
  let standIn: SupabaseStandIn;
  let t: TestContext;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let router: AdminRouter;
  const indexHtml = readFile(join(defaultAdminDistDir, 'index.html'), 'utf8');

  beforeAll(async () => {
    standIn = await startSupabaseStandIn({ mode: 'jwks', autoconfirm: false });
    t = await createTestContext({
      AUTH_PROVIDER: 'supabase',
      SUPABASE_URL: standIn.url,
      SUPABASE_ANON_KEY: standIn.anonKey,
      PUBLIC_BASE_URL: publicBaseUrl,
    });
    server = await serveApp(t.app, t.deps);
    router = await adminRouter();
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
    await standIn?.close();
  });

  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  /**
   * Follows `link` (an address under PUBLIC_BASE_URL) on the running server, redirects included,
   * the way a browser opens it; answers the admin screen it ends on.
   */
  async function open(link: string) {
    const url = new URL(link);
    expect(url.origin, link).toBe(publicBaseUrl);
    const res = await fetch(`${server.url}${url.pathname}${url.search}`, { redirect: 'follow' });
    expect(res.status, link).toBe(200);
    expect(res.headers.get('Content-Type'), link).toBe('text/html; charset=utf-8');
    expect(await res.text(), link).toBe(await indexHtml);
    const landed = new URL(res.url);
    return { landed, screen: router.matchRoute(landed)?.screen ?? null };
  }

  it('sign-up: the confirmation sends the user to the admin’s sign-in screen', async () => {
    const res = await post('/api/auth/signup', { email: 'ada@example.test', password });
    expect(res.status).toBe(201);
    const [mail] = standIn.redirects.filter((r) => r.mail === 'signup' && r.email === 'ada@example.test');
    expect(mail?.redirectTo).toBe(`${publicBaseUrl}${supabaseRedirectPaths.signUpConfirmed}`);
    const { landed, screen } = await open(mail!.redirectTo!);
    expect(landed.pathname).toBe('/admin/sign-in');
    expect(screen).toMatchObject({ path: 'sign-in', needs: 'public' });
  });

  it('password reset: the recovery link sends the user to the admin’s reset screen', async () => {
    expect((await post('/api/auth/password-reset', { email: 'ada@example.test' })).status).toBe(204);
    const [mail] = standIn.redirects.filter((r) => r.mail === 'recovery' && r.email === 'ada@example.test');
    expect(mail?.redirectTo).toBe(`${publicBaseUrl}${supabaseRedirectPaths.passwordReset}`);
    const { landed, screen } = await open(mail!.redirectTo!);
    expect(landed.pathname).toBe('/admin/reset-password');
    expect(screen).toMatchObject({ path: 'reset-password', needs: 'public' });
  });

  it('invitation: the mailed link opens the admin’s accept screen with its token', async () => {
    const admin = await standIn.createUserWithSession('grace@example.test', password);
    const org = await post('/api/organizations', { name: 'Acme', slug: 'acme' }, admin.access_token);
    expect(org.status).toBe(201);
    const orgId = ((await org.json()) as { data: { id: string } }).data.id;
    const invited = await post(
      `/api/organizations/${orgId}/members`,
      { email: 'linus@example.test', role: 'member' },
      admin.access_token,
    );
    expect(invited.status).toBe(201);
    const mail = (await readMailbox(t.dataDir)).find((m) => m.to.includes('linus@example.test'));
    const link = /https?:\/\/\S+\/accept-invitation\?token=[A-Za-z0-9_-]{43}/.exec(mail?.text ?? '')?.[0];
    expect(link, 'an invitation link in the mail').toBeDefined();
    const { landed, screen } = await open(link!);
    expect(landed.pathname).toBe('/admin/accept-invitation');
    expect(landed.searchParams.get('token')).toBe(new URL(link!).searchParams.get('token'));
    expect(screen).toMatchObject({ path: 'accept-invitation', needs: 'public' });
  });

  it('docs/supabase.md lists each of these pages for the project’s Redirect URLs', async () => {
    const doc = await readFile(new URL('../../../../docs/supabase.md', import.meta.url), 'utf8');
    for (const path of Object.values(supabaseRedirectPaths)) expect(doc).toContain(`https://status.example.com${path}`);
  });
});
