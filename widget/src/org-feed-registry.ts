import { createOrgFeed, defaultTuning, type FeedTuning, type OrgFeed } from './org-feed.ts';

/** The page-wide registry every copy of the script shares (found under a `Symbol.for` key). */
export interface OrgFeedRegistry {
  feeds: Map<string, OrgFeed>;
  tuning: FeedTuning;
}

const registryKey = Symbol.for('lantern.status-badge.streams');

/**
 * The registry on `globalThis`: created by the first copy of the script, reused by every later one
 * (even one loaded from another URL), so all badges of one org on a page share one stream.
 */
export function feedRegistry(): OrgFeedRegistry {
  const holder = globalThis as { [registryKey]?: OrgFeedRegistry };
  return (holder[registryKey] ??= { feeds: new Map(), tuning: { ...defaultTuning } });
}

/** Subscribes to the org's feed on `api`, opening it if needed; the returned function leaves it. */
export function subscribeToOrg(api: string, org: string, listener: Parameters<OrgFeed['subscribe']>[0]): () => void {
  const registry = feedRegistry();
  const key = `${new URL(api).origin}|${org}`;
  let feed = registry.feeds.get(key);
  if (!feed) {
    const created = createOrgFeed(api, org, registry.tuning, () => {
      if (registry.feeds.get(key) === created) registry.feeds.delete(key);
    });
    registry.feeds.set(key, (feed = created));
  }
  listener(feed.state);
  return feed.subscribe(listener);
}
