import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { startSupabaseStandIn, type SupabaseStandIn } from '../../../test/supabase-stand-in.ts';
import { serveApp } from '../../../test/streams.ts';
import { readMailbox } from '../../../test/mailbox.ts';
import { defaultAdminDistDir } from '../admin-app/serve-admin-app.ts';
import { supabaseMailLinks, supabaseRedirectPaths } from '../../auth/supabase-provider.ts';

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

// With AUTH_PROVIDER=supabase, Supabase Auth mails the sign-up confirmation and the reset link, with
// the links of the templates docs/supabase.md sets (or, with its default templates, sending the user
// back to our `redirect_to`); invitations are our own mail. Every link must land on a screen of the
// admin that the API serves, and the token it carries must do what that screen asks the API to do.
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

  /** A link as Supabase renders it from a mail template (Site URL = PUBLIC_BASE_URL). */
  const render = (template: string, tokenHash: string) =>
    template.replace('{{ .SiteURL }}', publicBaseUrl).replace('{{ .TokenHash }}', tokenHash);
  const mailTo = (email: string, kind: 'signup' | 'recovery') =>
    standIn.mails.filter((m) => m.email === email && m.kind === kind).at(-1)!;

  it('sign-up: the confirmation link opens the admin’s verify screen, whose token confirms the address once', async () => {
    const res = await post('/api/auth/signup', { email: 'ada@example.test', password });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { data: { access_token: string | null } }).data.access_token).toBeNull();
    // Not confirmed yet: the answer of a wrong password (sign-up then sign-in must not tell new from known).
    expect((await post('/api/auth/login', { email: 'ada@example.test', password })).status).toBe(401);
    // A known address gets the same answer as a new one (Supabase with "Confirm email" on).
    const known = await post('/api/auth/signup', { email: 'ada@example.test', password: 'another-password-1' });
    expect(known.status).toBe(202);
    expect(((await known.json()) as { data: { user: unknown } }).data.user).toBeNull();

    const mail = mailTo('ada@example.test', 'signup');
    const link = render(supabaseMailLinks.confirmSignUp, mail.tokenHash!);
    const { landed, screen } = await open(link);
    expect(landed.pathname).toBe('/admin/verify-email');
    expect(screen).toMatchObject({ path: 'verify-email', needs: 'public' });
    // What the verify screen does with the link's token.
    const token = landed.searchParams.get('token');
    expect(token).toBe(mail.tokenHash);
    const verified = await post('/api/auth/verify-email', { token });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ data: { email: 'ada@example.test', email_verified: true } });
    expect((await post('/api/auth/verify-email', { token })).status).toBe(400);
    expect((await post('/api/auth/login', { email: 'ada@example.test', password })).status).toBe(200);

    // With Supabase's default template, the user comes back to the sign-in screen instead.
    expect(mail.redirectTo).toBe(`${publicBaseUrl}${supabaseRedirectPaths.signUpConfirmed}`);
    const fallback = await open(mail.redirectTo!);
    expect(fallback.landed.pathname).toBe('/admin/sign-in');
    expect(fallback.screen).toMatchObject({ path: 'sign-in', needs: 'public' });
  });

  it('password reset: the link opens the admin’s reset screen, whose token sets the new password once', async () => {
    const other = (await post('/api/auth/login', { email: 'ada@example.test', password })).status;
    expect(other).toBe(200);
    expect((await post('/api/auth/password-reset', { email: 'ada@example.test' })).status).toBe(204);
    const mail = mailTo('ada@example.test', 'recovery');
    const { landed, screen } = await open(render(supabaseMailLinks.resetPassword, mail.tokenHash!));
    expect(landed.pathname).toBe('/admin/reset-password');
    expect(screen).toMatchObject({ path: 'reset-password', needs: 'public' });
    // What the reset screen does with the link's token.
    const token = landed.searchParams.get('token');
    const newPassword = 'penguin-kernel-1991';
    expect((await post('/api/auth/password-reset/confirm', { token, password: newPassword })).status).toBe(204);
    expect((await post('/api/auth/password-reset/confirm', { token, password: 'another-one-2024' })).status).toBe(400);
    expect((await post('/api/auth/login', { email: 'ada@example.test', password })).status).toBe(401);
    expect((await post('/api/auth/login', { email: 'ada@example.test', password: newPassword })).status).toBe(200);

    expect(mail.redirectTo).toBe(`${publicBaseUrl}${supabaseRedirectPaths.passwordReset}`);
    const fallback = await open(mail.redirectTo!);
    expect(fallback.landed.pathname).toBe('/admin/reset-password');
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

  it('docs/supabase.md gives these mail templates and Redirect URLs', async () => {
    const doc = await readFile(new URL('../../../../docs/supabase.md', import.meta.url), 'utf8');
    for (const link of Object.values(supabaseMailLinks)) expect(doc).toContain(link);
    for (const path of Object.values(supabaseRedirectPaths)) expect(doc).toContain(`https://status.example.com${path}`);
  });
});
