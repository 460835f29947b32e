import type { PublicStatus } from '../contract/public-status.ts';
import { markdownToText } from '../markdown/plain-text.ts';

// Update messages and post-mortems are stored as Markdown (api/src/markdown/). The static pages render
// it; every public JSON surface (the snapshot of GET /api/public/status/:slug and of the stream, the
// stream's change events, the folder's status.json, Statuspage's files) carries it as plain text, so
// no reader has to know the dialect or sanitise anything to show it.

interface WithText {
  updates: { message: string }[];
  postmortem?: string | null;
}

/** An incident or maintenance (a snapshot's or a stream record) with its texts as plain text. */
export function plainTextEntity<T extends WithText>(entity: T): T {
  const plain: T = { ...entity, updates: entity.updates.map((u) => ({ ...u, message: markdownToText(u.message) })) };
  if (typeof entity.postmortem === 'string') plain.postmortem = markdownToText(entity.postmortem);
  return plain;
}

/** The snapshot as the public JSON carries it: every update message and post-mortem as plain text. */
export function plainTextSnapshot(snapshot: PublicStatus): PublicStatus {
  return {
    ...snapshot,
    incidents: snapshot.incidents.map(plainTextEntity),
    recently_resolved_incidents: snapshot.recently_resolved_incidents.map(plainTextEntity),
    active_maintenances: snapshot.active_maintenances.map(plainTextEntity),
    upcoming_maintenances: snapshot.upcoming_maintenances.map(plainTextEntity),
  };
}
