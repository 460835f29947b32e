import type { Deps } from '../http/app-env.ts';
import type { Database } from '../db/types.ts';
import { SnapshotCache } from './cache.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { loadPublicLogo, loadPublicPage, type PublicLogo, type PublicPage } from './load.ts';

/** The public snapshots of one process, fed by event notifications. */
export interface PublicSnapshots {
  page(slug: string): Promise<PublicPage | null>;
  /** The cached page when warm, else undefined (the caller then goes through `page`). */
  cachedPage(slug: string): PublicPage | undefined;
  logo(slug: string): Promise<PublicLogo | null>;
  readonly cache: SnapshotCache;
  /**
   * True when the realtime reader's notifications invalidate this cache: then an org's entries are
   * dropped before the hub receives that org's next event, so a stream registered with the hub
   * before reading a page here misses nothing after the page's seq (see open-public-stream.ts).
   */
  readonly invalidatedBeforeDispatch: boolean;
}

const perDatabase = new WeakMap<Database, PublicSnapshots>();

/** Parses the notification payload of status_events: `<org id>:<seq>`. */
function parseNotification(payload: string): [string, number] | null {
  const at = payload.lastIndexOf(':');
  const seq = Number(payload.slice(at + 1));
  return at > 0 && Number.isSafeInteger(seq) ? [payload.slice(0, at), seq] : null;
}

/**
 * The process's public snapshot cache for this database, created on first use. It is invalidated by
 * every event notification: through the realtime reader's hook when the app has one (one LISTEN
 * connection per process), else by its own `LISTEN status_events`. Until that subscription is
 * active nothing is cached, so no entry can miss an invalidation.
 */
export function publicSnapshots(deps: Deps): PublicSnapshots {
  const existing = perDatabase.get(deps.db);
  if (existing) return existing;
  const { db, env, log } = deps;
  // While the database is unreachable the public JSON answers its last snapshot (see cache.ts).
  const cache = new SnapshotCache({ serveStaleOn: isDatabaseUnavailable });
  let listening = false;
  const invalidate = (orgId: string, seq: number) => cache.invalidate(orgId, seq);
  if (deps.realtime) {
    deps.realtime.onNotify(invalidate);
    listening = true;
  } else {
    db.listen('status_events', (payload) => {
      const parsed = parseNotification(payload);
      if (parsed) invalidate(...parsed);
    }).then(
      () => (listening = true),
      (error: unknown) => log.warn({ err: error }, 'public snapshot cache: LISTEN failed; serving uncached'),
    );
  }
  const baseUrl = env.PUBLIC_BASE_URL;
  const snapshots: PublicSnapshots = {
    cache,
    invalidatedBeforeDispatch: deps.realtime !== undefined,
    page: (slug) =>
      listening
        ? cache.get(`page:${slug}`, () => loadPublicPage(db, slug, baseUrl))
        : loadPublicPage(db, slug, baseUrl),
    cachedPage: (slug) => (listening ? cache.peek<PublicPage>(`page:${slug}`) : undefined),
    logo: (slug) => (listening ? cache.get(`logo:${slug}`, () => loadPublicLogo(db, slug)) : loadPublicLogo(db, slug)),
  };
  perDatabase.set(db, snapshots);
  return snapshots;
}
