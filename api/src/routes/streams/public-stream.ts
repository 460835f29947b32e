import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asAnon } from '../../db/doors.ts';
import { notFound } from '../../errors.ts';
import { openStream } from '../../realtime/open-stream.ts';
import { publicTopic } from '../../realtime/topics.ts';
import { sseFrame } from '../../realtime/sse.ts';
import { publicEventFrames } from '../../realtime/frames.ts';
import type { PublicChange } from '../../realtime/event-reader.ts';
import { alreadySent, lastEventId, sseResponse, streamContext } from './stream-request.ts';

const publicHeaders = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };

type Replay =
  | { seq: number; replayable: false; snapshot: Record<string, unknown> }
  | { seq: number; replayable: true; events: { seq: number; events: PublicChange[]; indicator: string }[] };

/** GET /api/public/status/:orgSlug/stream: the org's public changes, live (no auth, CORS *). */
export const getPublicStream = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'get',
    path: '/api/public/status/{orgSlug}/stream',
    tags: ['public', 'streams'],
    summary: "Live public status (SSE): a snapshot, then one event per public change",
    request: {
      params: z.object({ orgSlug: z.string().regex(/^[a-z0-9-]{1,64}$/) }),
      query: z.object({ lastEventId: z.string().max(32).optional() }),
    },
    responses: {
      200: sseResponse,
      308: { description: 'A renamed org: its new stream URL' },
      404: { description: 'Unknown org' },
    },
  }),
  async (c) => {
    const { db, log } = c.get('deps');
    const { orgSlug } = c.req.valid('param');
    const [org] = await asAnon(db, (tx) =>
      tx.query<{ org_id: string; slug: string }>('select org_id, slug from public.resolve_public_stream($1)', [orgSlug]),
    );
    if (!org) throw notFound('Organization');
    if (org.slug !== orgSlug) {
      const search = new URL(c.req.url).search;
      return c.body(null, 308, { ...publicHeaders, Location: `/api/public/status/${org.slug}/stream${search}` });
    }
    const { realtime, res } = streamContext(c);
    const after = lastEventId(c);
    await openStream({
      hub: realtime.hub,
      res,
      topic: publicTopic(org.org_id),
      headers: { ...publicHeaders, 'X-Request-Id': c.get('requestId') },
      retryMs: realtime.retryMs,
      replay: async (write) => {
        const [row] = await asAnon(db, (tx) =>
          tx.query<{ replay: Replay | null }>('select public.get_public_stream_replay($1, $2, $3, $4) as replay', [
            org.slug,
            after ?? -1,
            realtime.replayMaxEvents,
            realtime.replayMaxAgeS,
          ]),
        );
        const replay = row?.replay;
        if (!replay) throw notFound('Organization'); // deleted between the two reads
        if (!replay.replayable) {
          write(sseFrame('snapshot', replay.snapshot, Number(replay.seq)));
        } else {
          for (const event of replay.events) write(publicEventFrames(Number(event.seq), event.events, event.indicator));
        }
        return Number(replay.seq);
      },
      onLive: (seq) => realtime.reader.follow(org.org_id, seq),
      onError: (error) => log.warn({ err: error, requestId: c.get('requestId') }, 'public stream replay failed'),
    });
    return alreadySent();
  },
);
