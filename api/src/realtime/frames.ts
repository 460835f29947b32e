import type { ReadEvent, PublicChange } from './event-reader.ts';
import { sseFrame } from './sse.ts';
import { isAdminOnlyEvent } from '../db/event-visibility.ts';
import { plainTextEntity } from '../public-snapshot/plain-text.ts';
import type { PublicIncidentRecord, PublicMaintenanceRecord } from '../contract/public-view.ts';

/** A change's data as the public stream sends it: update messages and post-mortems as plain text. */
function publicData({ type, data }: PublicChange): Record<string, unknown> {
  if (type === 'incident' && data.incident)
    return { ...data, incident: plainTextEntity(data.incident as PublicIncidentRecord) };
  if (type === 'maintenance' && data.maintenance)
    return { ...data, maintenance: plainTextEntity(data.maintenance as PublicMaintenanceRecord) };
  return data;
}

/** The org stream's message for one log event (SSE event name = the event's type). */
export function orgEventFrame(event: Pick<ReadEvent, 'seq' | 'type' | 'payload' | 'actor' | 'created_at'>): string {
  const { seq, type, payload, actor, created_at } = event;
  return sseFrame(type, { seq: Number(seq), type, payload, actor, created_at }, Number(seq));
}

/**
 * The org stream's message for a non-admin: admin-only events keep their id and type (so seqs stay
 * gapless and resume works) but carry no payload or actor.
 */
export function memberEventFrame(event: Pick<ReadEvent, 'seq' | 'type' | 'payload' | 'actor' | 'created_at'>): string {
  if (!isAdminOnlyEvent(event.type)) return orgEventFrame(event);
  const { seq, type, created_at } = event;
  return sseFrame(type, { seq: Number(seq), type, redacted: true, created_at }, Number(seq));
}

/**
 * The public stream's messages for one event's public changes: one message per changed entity, each
 * with the new indicator; only the last carries the `id:`, so a client that resumes from it has
 * received the whole change. Texts go as plain text, as in the snapshot (public-snapshot/plain-text.ts).
 */
export function publicEventFrames(seq: number, changes: PublicChange[], indicator: string): string {
  return changes
    .map((change, index) =>
      sseFrame(change.type, { ...publicData(change), indicator }, index === changes.length - 1 ? seq : undefined),
    )
    .join('');
}
