import type { SiteOrgData } from '../../contract/site-locals.ts';
import { feedItems } from './feed-items.ts';
import { xmlText } from './xml-text.ts';

/** RFC 822 date, as RSS 2.0 wants it. */
const rfc822 = (iso: string) => new Date(iso).toUTCString();

/**
 * `feed.rss` (RSS 2.0): guids are the entity ids (not permalinks); links as in the Atom feed. The
 * description is the sanitised HTML of the item's Markdown, entity-encoded as RSS readers expect.
 */
export function rssFeed(data: SiteOrgData, pageUrl: string | null): string {
  const org = data.snapshot.organization;
  const link = (path: string) => xmlText(pageUrl ? new URL(path, pageUrl).toString() : path);
  const items = feedItems(data);
  const lastBuild = items[0]?.updated ?? org.updated_at;
  const entries = items.map(
    (item) => `    <item>
      <title>${xmlText(item.title)}</title>
      <link>${link(item.path)}</link>
      <guid isPermaLink="false">${item.id}</guid>
      <pubDate>${rfc822(item.published)}</pubDate>
      <category>${item.kind}</category>
      <description>${xmlText(item.content)}</description>
    </item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>${xmlText(org.name)} status</title>
    <link>${link('./')}</link>
    <description>${xmlText(`Incidents and maintenances of ${org.name}`)}</description>
    <lastBuildDate>${rfc822(lastBuild)}</lastBuildDate>
    <generator>Lantern</generator>
${entries.join('\n')}
  </channel>
</rss>
`;
}
