import type { SiteOrgData } from '../../contract/site-locals.ts';
import { feedItems } from './feed-items.ts';
import { xmlText } from './xml-text.ts';

/**
 * `feed.atom` (RFC 4287): ids are `urn:uuid:` IRIs, so the feed is valid without knowing where the
 * folder is published; links are absolute under `pageUrl` when known, else relative to the feed. Each
 * entry has a plain-text summary and the sanitised HTML of its Markdown as escaped `html` content.
 */
export function atomFeed(data: SiteOrgData, pageUrl: string | null): string {
  const org = data.snapshot.organization;
  const link = (path: string) => xmlText(pageUrl ? new URL(path, pageUrl).toString() : path);
  const items = feedItems(data);
  const updated = items[0]?.updated ?? org.updated_at;
  const entries = items.map(
    (item) => `  <entry>
    <id>urn:uuid:${item.id}</id>
    <title>${xmlText(item.title)}</title>
    <link rel="alternate" type="text/html" href="${link(item.path)}"/>
    <published>${item.published}</published>
    <updated>${item.updated}</updated>
    <category term="${item.kind}"/>
    <summary type="text">${xmlText(item.summary)}</summary>
    <content type="html">${xmlText(item.content)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:uuid:${org.id}</id>
  <title>${xmlText(org.name)} status</title>
  <updated>${updated}</updated>
  <author><name>${xmlText(org.name)}</name></author>
  <link rel="alternate" type="text/html" href="${link('./')}"/>
  <link rel="self" type="application/atom+xml" href="${link('feed.atom')}"/>
  <generator>Lantern</generator>
${entries.join('\n')}
</feed>
`;
}
