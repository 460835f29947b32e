import type { AnyRouteDefinition } from '../../http/define-route.ts';
import type { ApiReference, OpenApiDocument } from '../../http/api-reference.ts';
import { buildOpenApiDocument } from './document.ts';
import { renderDocsHtml } from './render-html.ts';

/** The reference of one app's routes: document and HTML page, each built once, on first request. */
export function createApiReference(routes: readonly AnyRouteDefinition[]): ApiReference {
  let document: OpenApiDocument | null = null;
  let html: string | null = null;
  const reference: ApiReference = {
    document: () => (document ??= buildOpenApiDocument(routes)),
    html: () => (html ??= renderDocsHtml(reference.document())),
  };
  return reference;
}
