import { createRoute, z } from '@hono/zod-openapi';
import { decodeJwt } from 'jose';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { openStream } from '../../realtime/open-stream.ts';
import { orgMembersTopic, orgTopic } from '../../realtime/topics.ts';
import { sseFrame } from '../../realtime/sse.ts';
import { memberEventFrame, orgEventFrame } from '../../realtime/frames.ts';
import type { StoredEvent } from '../../db/events.ts';
import { alreadySent, lastEventId, sseResponse, streamContext } from './stream-request.ts';
import { managementHeaderEntries } from '../../http/security-headers.ts';

/** When the caller's bearer access token expires (ms since epoch), or null for API keys. */
function tokenExpiry(authorization: string | undefined): number | null {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token || token.startsWith('lsk_')) return null;
  const { exp } = decodeJwt(token); // already verified by authenticate()
  return typeof exp === 'number' ? exp * 1000 : null;
}

/** GET /api/organizations/:orgId/stream: every event of the org, for its members and `read` keys. */
export const getOrgStream = defineRoute(
  { kind: 'org', role: 'viewer', scopes: ['read'] },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/stream',
    operationId: 'streamOrganizationEvents',
    tags: ['streams'],
    summary: 'Live events of the organization (SSE); closes when access ends',
    request: {
      params: z.object({ orgId: z.uuid() }),
      query: z.object({ lastEventId: z.string().max(32).optional() }),
    },
    responses: { 200: sseResponse },
  }),
  async (c) => {
    const { log } = c.get('deps');
    const { orgId, role } = c.get('org');
    // Admins get every event in full; others get admin-only events redacted (a demoted admin's
    // stream ends on the recheck below, and the reconnect lands on the members' topic).
    const admin = role === 'admin';
    const frame = admin ? orgEventFrame : memberEventFrame;
    const minRole = admin ? 'admin' : 'viewer';
    const after = lastEventId(c);
    const expiresAt = tokenExpiry(c.req.header('Authorization'));
    // Last before openStream, which takes over the admission slot (nothing can throw in between).
    const { realtime, res, release } = streamContext(c);
    await openStream({
      hub: realtime.hub,
      res,
      topic: admin ? orgTopic(orgId) : orgMembersTopic(orgId),
      // Written on the raw response, past Hono's middleware: the management headers are set here.
      headers: { ...managementHeaderEntries, 'X-Request-Id': c.get('requestId') },
      retryMs: realtime.retryMs,
      release,
      prepare: (sub) => {
        // Membership is re-read on access-changing events and on every heartbeat.
        sub.recheck = async () => {
          const [row] = await asCaller(c, (tx) =>
            tx.query<{ ok: boolean }>(`select private.has_role_on_org($1, $2, array['read']) as ok`, [orgId, minRole]),
          );
          return row?.ok === true;
        };
        if (expiresAt !== null) {
          const timer = setTimeout(() => sub.end(), Math.min(Math.max(expiresAt - Date.now(), 0), 2 ** 31 - 1));
          timer.unref();
          sub.cleanups.push(() => clearTimeout(timer));
        }
      },
      replay: (write) =>
        asCaller(c, async (tx) => {
          const [org] = await tx.query<{ seq: number; fresh: boolean | null }>(
            `select o.last_event_seq as seq,
                    (select e.created_at >= now() - make_interval(secs => $3) from public.status_events e
                      where e.org_id = o.id and e.seq = $2 + 1) as fresh
             from public.organizations o where o.id = $1`,
            [orgId, after ?? -1, realtime.replayMaxAgeS],
          );
          const current = Number(org?.seq ?? 0);
          const inWindow =
            after !== null &&
            after <= current &&
            current - after <= realtime.replayMaxEvents &&
            (after === current || org?.fresh === true);
          if (!inWindow) {
            write(sseFrame('snapshot', { seq: current, resync: true }, current));
            return current;
          }
          const events = await tx.query<StoredEvent>(
            `select seq, type, payload, actor, created_at from public.status_events
             where org_id = $1 and seq > $2 order by seq`,
            [orgId, after],
          );
          for (const event of events) write(frame(event));
          return Math.max(current, ...events.map((event) => Number(event.seq)));
        }),
      onLive: (seq) => realtime.reader.follow(orgId, seq),
      onError: (error) => log.warn({ err: error, requestId: c.get('requestId') }, 'org stream replay failed'),
    });
    return alreadySent();
  },
);
