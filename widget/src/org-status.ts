import type { PublicStatus } from '../../api/src/contract/public-status.ts';
import type { PublicStreamEventMap } from '../../api/src/contract/stream-events.ts';
import type { StreamEvent } from './stream-client.ts';

/** One org's public state as a badge knows it: the snapshot, patched by every stream event since. */
export type OrgStatus = PublicStatus;

type WithId = { id: string };

/** Replaces (or appends) `item` by id; drops it when `keep` is false. */
function upsert<T extends WithId>(list: readonly T[], item: T, keep: boolean): T[] {
  const rest = list.filter((existing) => existing.id !== item.id);
  if (!keep) return rest;
  const index = list.findIndex((existing) => existing.id === item.id);
  if (index === -1) return [item, ...rest];
  rest.splice(index, 0, item);
  return rest;
}

/**
 * The state after one public stream event. A `snapshot` replaces everything; a change event carries
 * the entity's full new public view (or `deleted`) and the page's new overall indicator.
 */
export function applyStreamEvent(
  current: OrgStatus | null,
  message: StreamEvent<PublicStreamEventMap>,
): OrgStatus | null {
  if (message.event === 'snapshot') return message.data;
  if (!current) return current; // changes before any snapshot cannot happen on this stream
  const seq = message.id === undefined ? current.seq : Number(message.id);
  const status = { ...current.status, indicator: message.data.indicator };
  switch (message.event) {
    case 'service': {
      const data = message.data;
      const services =
        'deleted' in data
          ? current.services.filter((s) => s.id !== data.id)
          : upsert(current.services, data.service as OrgStatus['services'][number], true);
      return { ...current, seq, status, services };
    }
    case 'incident': {
      const data = message.data;
      const incident = 'deleted' in data ? { id: data.id } : (data.incident as OrgStatus['incidents'][number]);
      const open = !('deleted' in data) && data.incident.status !== 'resolved';
      return { ...current, seq, status, incidents: upsert(current.incidents, incident as never, open) };
    }
    case 'maintenance': {
      const data = message.data;
      const maintenance =
        'deleted' in data ? { id: data.id } : (data.maintenance as unknown as OrgStatus['active_maintenances'][number]);
      const state = 'deleted' in data ? 'gone' : data.maintenance.status;
      return {
        ...current,
        seq,
        status,
        active_maintenances: upsert(current.active_maintenances, maintenance as never, state === 'in_progress'),
        upcoming_maintenances: upsert(current.upcoming_maintenances, maintenance as never, state === 'scheduled'),
      };
    }
    case 'organization':
      return { ...current, seq, status, organization: { ...current.organization, ...message.data.organization } };
    default:
      return { ...current, seq, status };
  }
}
