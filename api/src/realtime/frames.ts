import type { ReadEvent, PublicChange } from './event-reader.ts';
import { sseFrame } from './sse.ts';

/** The org stream's message for one log event (SSE event name = the event's type). */
export function orgEventFrame(event: Pick<ReadEvent, 'seq' | 'type' | 'payload' | 'actor' | 'created_at'>): string {
  const { seq, type, payload, actor, created_at } = event;
  return sseFrame(type, { seq: Number(seq), type, payload, actor, created_at }, Number(seq));
}

/**
 * The public stream's messages for one event's public changes: one message per changed entity, each
 * with the new indicator; only the last carries the `id:`, so a client that resumes from it has
 * received the whole change.
 */
export function publicEventFrames(seq: number, changes: PublicChange[], indicator: string): string {
  return changes
    .map((change, index) => sseFrame(change.type, { ...change.data, indicator }, index === changes.length - 1 ? seq : undefined))
    .join('');
}
