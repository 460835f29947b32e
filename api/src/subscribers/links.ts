/** The pages a subscriber's mails link to, served by the API (routes/subscription-pages/). */
export function subscriptionLinks(baseUrl: string, token: string) {
  const q = `?token=${encodeURIComponent(token)}`;
  return {
    confirm: `${baseUrl}/subscriptions/confirm${q}`,
    manage: `${baseUrl}/subscriptions/manage${q}`,
    unsubscribe: `${baseUrl}/subscriptions/unsubscribe${q}`,
    /** RFC 8058's one-click target: a POST with `List-Unsubscribe=One-Click`, no page. */
    oneClick: `${baseUrl}/api/public/subscriptions/unsubscribe${q}`,
  };
}

/** The headers of every subscriber mail: one-click unsubscribe (RFC 8058) and the RFC 2369 list header. */
export function unsubscribeHeaders(baseUrl: string, token: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${subscriptionLinks(baseUrl, token).oneClick}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** The static status page of an org, and of one incident or maintenance on it. */
export function statusPageUrl(
  baseUrl: string,
  slug: string,
  entity?: { kind: 'incidents' | 'maintenances'; id: string },
): string {
  return `${baseUrl}/status/${slug}/${entity ? `${entity.kind}/${entity.id}/` : ''}`;
}
