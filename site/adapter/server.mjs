import { createApp } from 'astro/app/entrypoint';

// One App for the process: building it reads the manifest once; rendering is then a function call.
const app = createApp({ streaming: false });

/**
 * Renders the page at `url` (e.g. `http://site.invalid/status/acme/history/`) with `locals` as the
 * page's data. Answers the Response Astro produced (200 with HTML, or the 404 page's).
 */
export async function renderPage(url, locals) {
  const request = new Request(url);
  const routeData = app.match(request);
  return app.render(request, { locals, routeData });
}
