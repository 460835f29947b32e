import { basePath } from './config.ts';

/** A screen of the admin: its URL under the base path, what it needs, and its lazily loaded element. */
export interface ScreenRoute {
  /** Path under the base path; `:name` is one segment. */
  path: string;
  tag: string;
  /** `public`: signed out is fine; `user`: signed in; `org`: signed in with an organization chosen. */
  needs: 'public' | 'user' | 'org';
  load: () => Promise<unknown>;
  title: string;
}

export const screens: ScreenRoute[] = [
  { path: 'sign-in', tag: 'sign-in-page', needs: 'public', title: 'Sign in', load: () => import('./sign-in-page.ts') },
  { path: 'sign-up', tag: 'sign-up-page', needs: 'public', title: 'Sign up', load: () => import('./sign-up-page.ts') },
  {
    path: 'verify-email',
    tag: 'verify-email-page',
    needs: 'public',
    title: 'Verify email',
    load: () => import('./verify-email-page.ts'),
  },
  {
    path: 'forgot-password',
    tag: 'forgot-password-page',
    needs: 'public',
    title: 'Forgot password',
    load: () => import('./forgot-password-page.ts'),
  },
  {
    path: 'reset-password',
    tag: 'reset-password-page',
    needs: 'public',
    title: 'Reset password',
    load: () => import('./reset-password-page.ts'),
  },
  {
    path: 'accept-invitation',
    tag: 'accept-invitation-page',
    needs: 'public',
    title: 'Invitation',
    load: () => import('./accept-invitation-page.ts'),
  },
  {
    path: 'organizations/new',
    tag: 'new-organization-page',
    needs: 'user',
    title: 'New organization',
    load: () => import('./new-organization-page.ts'),
  },
  { path: 'services', tag: 'services-page', needs: 'org', title: 'Services', load: () => import('./services-page.ts') },
  {
    path: 'services/:id',
    tag: 'service-page',
    needs: 'org',
    title: 'Service',
    load: () => import('./service-page.ts'),
  },
  { path: 'account', tag: 'account-page', needs: 'user', title: 'Account', load: () => import('./account-page.ts') },
  {
    path: 'incidents',
    tag: 'incidents-page',
    needs: 'org',
    title: 'Incidents',
    load: () => import('./incidents-page.ts'),
  },
  {
    path: 'incidents/new',
    tag: 'new-incident-page',
    needs: 'org',
    title: 'New incident',
    load: () => import('./new-incident-page.ts'),
  },
  {
    path: 'incidents/:id',
    tag: 'incident-page',
    needs: 'org',
    title: 'Incident',
    load: () => import('./incident-page.ts'),
  },
  {
    path: 'maintenances',
    tag: 'maintenances-page',
    needs: 'org',
    title: 'Maintenances',
    load: () => import('./maintenances-page.ts'),
  },
  {
    path: 'maintenances/new',
    tag: 'new-maintenance-page',
    needs: 'org',
    title: 'Schedule maintenance',
    load: () => import('./new-maintenance-page.ts'),
  },
  {
    path: 'maintenances/:id',
    tag: 'maintenance-page',
    needs: 'org',
    title: 'Maintenance',
    load: () => import('./maintenance-page.ts'),
  },
  {
    path: 'templates',
    tag: 'templates-page',
    needs: 'org',
    title: 'Templates',
    load: () => import('./templates-page.ts'),
  },
  {
    path: 'templates/new',
    tag: 'template-page',
    needs: 'org',
    title: 'New template',
    load: () => import('./template-page.ts'),
  },
  {
    path: 'templates/:id',
    tag: 'template-page',
    needs: 'org',
    title: 'Template',
    load: () => import('./template-page.ts'),
  },
  { path: 'team', tag: 'team-page', needs: 'org', title: 'Team', load: () => import('./team-page.ts') },
  {
    path: 'api-keys',
    tag: 'api-keys-page',
    needs: 'org',
    title: 'API keys',
    load: () => import('./api-keys-page.ts'),
  },
  { path: 'audit', tag: 'audit-page', needs: 'org', title: 'Audit log', load: () => import('./audit-page.ts') },
  {
    path: 'settings',
    tag: 'settings-page',
    needs: 'org',
    title: 'Organization settings',
    load: () => import('./settings-page.ts'),
  },
  {
    path: 'integrations',
    tag: 'integrations-page',
    needs: 'org',
    title: 'Integrations',
    load: () => import('./integrations-page.ts'),
  },
  {
    path: 'webhooks',
    tag: 'webhooks-page',
    needs: 'org',
    title: 'Webhooks',
    load: () => import('./webhooks-page.ts'),
  },
  {
    path: 'subscribers',
    tag: 'subscribers-page',
    needs: 'org',
    title: 'Subscribers',
    load: () => import('./subscribers-page.ts'),
  },
];

/** The screen at the current URL, with its `:name` parameters; null for an unknown path. */
export interface RouteMatch {
  screen: ScreenRoute;
  params: Record<string, string>;
  query: URLSearchParams;
}

/** The path under the base path (`services`, `incidents/42`), or null when outside it. */
export function relativePath(pathname: string): string | null {
  if (`${pathname}/` === basePath) return '';
  if (!pathname.startsWith(basePath)) return null;
  return pathname.slice(basePath.length).replace(/\/+$/, '');
}

export function matchRoute(location: { pathname: string; search: string }): RouteMatch | null {
  const path = relativePath(location.pathname);
  if (path === null) return null;
  const segments = path.split('/');
  for (const screen of screens) {
    const pattern = screen.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      if (part.startsWith(':')) return (params[part.slice(1)] = decodeURIComponent(segments[i]!)) !== '';
      return part === segments[i];
    });
    if (matches) return { screen, params, query: new URLSearchParams(location.search) };
  }
  return null;
}

/** The URL of a screen: `href('incidents/new')` → `/admin/incidents/new`. */
export function href(path: string): string {
  return `${basePath}${path}`;
}

/** Goes to a screen without reloading (`replace` keeps the history entry, for redirects). */
export function navigate(path: string, { replace = false } = {}): void {
  const url = path.startsWith('/') ? path : href(path);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

/**
 * Turns clicks on links to the SPA's own URLs into `navigate` (through shadow roots too), leaving
 * modified clicks (new tab), downloads and other origins to the browser.
 */
export function interceptLinks(): void {
  document.addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return;
    if (relativePath(anchor.pathname) === null) return;
    event.preventDefault();
    navigate(`${anchor.pathname}${anchor.search}`);
  });
}
