import type { ServerResponse } from 'node:http';
import type { Database } from '../db/types.ts';
import type { Deps } from '../http/app-env.ts';
import type { Realtime } from './realtime.ts';
import type { PublicChange } from './event-reader.ts';
import { asAnon } from '../db/doors.ts';
import { openStream } from './open-stream.ts';
import { publicTopic } from './topics.ts';
import { sseFrame } from './sse.ts';
import { publicEventFrames } from './frames.ts';
import { shapePublicStatus, type RawPublicStatus } from '../public-snapshot/shape.ts';
import { publicHeaderEntries } from '../http/public-headers.ts';
import { publicSnapshots } from '../public-snapshot/registry.ts';
import type { PublicPage } from '../public-snapshot/load.ts';
import { plainTextSnapshot } from '../public-snapshot/plain-text.ts';

type Replay =
  | { seq: number; replayable: false; snapshot: RawPublicStatus }
  | { seq: number; replayable: true; events: { seq: number; events: PublicChange[]; indicator: string }[] };

/** The org a public stream URL names: its id (the hub topic) and current slug (differs: renamed). */
export interface PublicStreamOrg {
  org_id: string;
  slug: string;
}

/** Resolves a slug, or a renamed org's old one, through the anonymous door; null when unknown. */
export async function resolvePublicStream(db: Database, slug: string): Promise<PublicStreamOrg | null> {
  const [org] = await asAnon(db, (tx) =>
    tx.query<PublicStreamOrg>('select org_id, slug from public.resolve_public_stream($1)', [slug]),
  );
  return org ?? null;
}

const frames = new WeakMap<PublicPage, Buffer>();

/** The `snapshot` message of a cached page, built once per page (per org and seq). */
function snapshotFrame(page: PublicPage): Buffer {
  let frame = frames.get(page);
  if (!frame) frames.set(page, (frame = Buffer.from(sseFrame('snapshot', plainTextSnapshot(page.snapshot), page.seq))));
  return frame;
}

/** The org of a warm public page of `slug` (no database read), if the registry has one. */
export function cachedPublicStreamOrg(deps: Deps, slug: string): PublicStreamOrg | null {
  const page = publicSnapshots(deps).cachedPage(slug);
  return page && page.slug === slug ? { org_id: page.orgId, slug: page.slug } : null;
}

export interface OpenPublicStreamOptions {
  deps: Deps;
  realtime: Realtime;
  org: PublicStreamOrg;
  res: ServerResponse;
  /** The seq the client resumes from (Last-Event-ID), null for none. */
  after: number | null;
  requestId: string;
  /** The admission slot to free when the stream ends. */
  release: () => void;
}

/**
 * Answers an admitted public stream on the raw Node response: the replay of the public changes the
 * client missed, or the public snapshot — the very JSON `GET /api/public/status/:slug` answers as its
 * `data`, shaped from the same single SQL read that gives the seq the stream continues after — then
 * live public changes. Shared by the Hono route and the server's fast lane, so both answer alike.
 */
export function openPublicStream({
  deps,
  realtime,
  org,
  res,
  after,
  requestId,
  release,
}: OpenPublicStreamOptions): Promise<void> {
  const { db, log, env } = deps;
  return openStream({
    hub: realtime.hub,
    res,
    topic: publicTopic(org.org_id),
    headers: { ...publicHeaderEntries, 'X-Request-Id': requestId },
    retryMs: realtime.retryMs,
    release,
    replay: async (write) => {
      // A fresh connect needs only the snapshot: the public page of the snapshot registry (shared
      // with GET, serialised once per seq for every stream). Consistent because this runs after the
      // stream is registered with the hub, and the registry drops an org's page before the hub gets
      // that org's next event: every event after the page's seq is either held for this stream or
      // already made the page a newer one.
      const snapshots = publicSnapshots(deps);
      const page = after === null && snapshots.invalidatedBeforeDispatch ? await snapshots.page(org.slug) : null;
      if (page && page.orgId === org.org_id) {
        write(snapshotFrame(page));
        return page.seq;
      }
      const [row] = await asAnon(db, (tx) =>
        tx.query<{ replay: Replay | null }>('select public.get_public_stream_replay($1, $2, $3, $4) as replay', [
          org.slug,
          after ?? -1,
          realtime.replayMaxEvents,
          realtime.replayMaxAgeS,
        ]),
      );
      const replay = row?.replay;
      if (!replay) throw new Error('organization deleted between resolving and replaying its stream');
      if (!replay.replayable) {
        const snapshot = plainTextSnapshot(shapePublicStatus(replay.snapshot, env.PUBLIC_BASE_URL));
        write(sseFrame('snapshot', snapshot, Number(replay.seq)));
      } else {
        for (const event of replay.events) write(publicEventFrames(Number(event.seq), event.events, event.indicator));
      }
      return Number(replay.seq);
    },
    onLive: (seq) => realtime.reader.follow(org.org_id, seq),
    onError: (error) => log.warn({ err: error, requestId }, 'public stream replay failed'),
  });
}
