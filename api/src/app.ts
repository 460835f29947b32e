import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Deps } from './http/app-env.ts';
import { requestId } from './http/request-id.ts';
import { toErrorResponse } from './http/on-error.ts';
import { authenticate } from './http/authenticate.ts';
import { limitRequestBody } from './http/body-limit.ts';
import { unmatchedRoute } from './http/unmatched-route.ts';
import { requireAccess } from './http/access.ts';
import { validationError } from './errors.ts';
import { routeTable } from './routes/index.ts';
import type { AnyRouteDefinition } from './http/define-route.ts';
import { serveSiteFiles } from './routes/status-pages/serve-site-files.ts';
import { serveWidgetFiles } from './routes/widget-files/serve-widget-files.ts';
import { publicPreflight } from './http/public-headers.ts';
import { managementCors } from './http/management-cors.ts';
import { securityHeaders } from './http/security-headers.ts';
import { limitPublicReads, limitWrites } from './http/request-rate.ts';
import { countRequests } from './http/count-requests.ts';
import { serveAdminApp } from './routes/admin-app/serve-admin-app.ts';
import { mailedLinkPaths, redirectToAdmin } from './routes/admin-app/redirects.ts';
import { createApiReference } from './routes/openapi/reference.ts';
import { mountSubscriptionPages } from './routes/subscription-pages/serve-subscription-pages.ts';

/** Builds the Hono app (no listen: tests call `app.request()`, serve.ts starts it). */
export function createApp(deps: Deps, routes: AnyRouteDefinition[] = routeTable) {
  const app = new OpenAPIHono<AppEnv>({
    // zod failures at the edge answer the standard error body with the issues as details.
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });

  // The OpenAPI document and reference page describe exactly the routes this app serves.
  const apiReference = createApiReference(routes);
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('apiReference', apiReference);
    const started = performance.now();
    await next();
    deps.log.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use('*', countRequests());
  // CORS preflights of public routes answer before authentication (browsers send no credentials).
  app.options('/api/public/*', publicPreflight());
  // The rest of /api/* answers the origins of CORS_ORIGINS only (a separately hosted admin app).
  app.use('/api/*', securityHeaders());
  app.use('/metrics', securityHeaders());
  app.use('/api/*', managementCors(deps.env.CORS_ORIGINS));
  app.use('/api/*', limitRequestBody());
  app.use('/api/public/*', limitPublicReads());
  app.use('/api/*', authenticate());
  app.use('/api/*', limitWrites());

  for (const { access, route, handler } of routes) {
    // A route's own middleware (idempotency, public headers) runs after the access check.
    app.openapi({ ...route, middleware: [requireAccess(access), ...[route.middleware ?? []].flat()] }, handler);
  }

  // The static status pages of SITE_OUT_DIR (the embedded default; a CDN can serve the folder instead).
  app.get('/status/*', serveSiteFiles());
  // The <status-badge> script other sites embed, its lazy chunks and the demo page (widget/dist).
  app.get('/widget/:file', serveWidgetFiles());
  // The admin SPA (admin/dist): every path under /admin/ is one of its screens; `/` and mailed links lead to it.
  app.get('/admin/*', serveAdminApp());
  app.on('GET', ['/', ...mailedLinkPaths], redirectToAdmin());
  // The pages of subscriber mails' links (confirm, manage, unsubscribe): small forms, no script.
  mountSubscriptionPages(app);

  app.notFound(unmatchedRoute(routes));
  app.onError((error, c) => toErrorResponse(error, c));
  return app;
}

export type App = ReturnType<typeof createApp>;
