import type { Handler } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';

/** The paths the product mails links to (auth/account-mail.ts, routes/invitations/invitation-mail.ts). */
export const mailedLinkPaths = ['/verify-email', '/reset-password', '/accept-invitation'];

/**
 * GET / and the mailed links: the same screen of the admin SPA, query kept (`/verify-email?token=…`
 * → `/admin/verify-email?token=…`). The links stay short and independent of where the SPA lives.
 */
export function redirectToAdmin(): Handler<AppEnv> {
  return (c) => {
    const url = new URL(c.req.url);
    const page = url.pathname === '/' ? '' : url.pathname.slice(1);
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    return c.redirect(`/admin/${page}${url.search}`, 302);
  };
}
