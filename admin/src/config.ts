// Read once from index.html's meta tags, which the build fills in (admin/scripts/build.mjs).
function meta(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
}

/** Where the SPA lives, with a trailing slash (`/admin/` in the embedded default). */
export const basePath = meta('lantern-base-path').replace(/^%.*%$/, '') || '/admin/';

/** The API's origin; empty means the page's own origin (the embedded default). */
export const apiBaseUrl = meta('lantern-api-base-url')
  .replace(/^%.*%$/, '')
  .replace(/\/+$/, '');
