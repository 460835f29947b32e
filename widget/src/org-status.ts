import type { PublicStatus } from '../../api/src/contract/public-status.ts';
import type { PublicStreamEventMap } from '../../api/src/contract/stream-events.ts';
import type { StreamEvent } from './stream-client.ts';

/** One org's public state as a badge knows it: the snapshot, patched by every stream event since. */
export type OrgStatus = PublicStatus;

type Entity = { id: string; status?: string };

/** The list with `id` replaced by `item` in place (prepended when new: lists are newest first), or dropped. */
function upsert<T extends Entity>(list: T[], id: string, item: T | false | undefined): T[] {
  const index = list.findIndex((existing) => existing.id === id);
  const rest = list.filter((existing) => existing.id !== id);
  if (item) rest.splice(index === -1 ? 0 : index, 0, item);
  return rest;
}

/**
 * The state after one public stream event. A `snapshot` replaces everything; a change event carries
 * the entity's full new public view (or `{ id, deleted }`) and the page's new overall indicator. Only
 * what the public snapshot lists is kept: open incidents, and in-progress or scheduled maintenances.
 */
export function applyStreamEvent(
  current: OrgStatus | null,
  message: StreamEvent<PublicStreamEventMap>,
): OrgStatus | null {
  if (message.event === 'snapshot') return message.data;
  if (!current) return current; // the stream always starts with a snapshot or a resume after one
  const data = message.data as unknown as { indicator: OrgStatus['status']['indicator']; id?: string } & Record<
    string,
    Entity
  >;
  const entity = data[message.event];
  const id = data.id ?? entity!.id;
  const next: OrgStatus = {
    ...current,
    seq: message.id === undefined ? current.seq : Number(message.id),
    status: { ...current.status, indicator: data.indicator },
  };
  const as = <T>(item: unknown) => item as T;
  if (message.event === 'service') next.services = upsert(current.services, id, as(entity));
  if (message.event === 'incident')
    next.incidents = upsert(current.incidents, id, entity?.status !== 'resolved' && as(entity));
  if (message.event === 'maintenance') {
    next.active_maintenances = upsert(current.active_maintenances, id, entity?.status === 'in_progress' && as(entity));
    next.upcoming_maintenances = upsert(
      current.upcoming_maintenances,
      id,
      entity?.status === 'scheduled' && as(entity),
    );
  }
  if (message.event === 'organization') next.organization = { ...current.organization, ...as<object>(entity) };
  return next;
}
