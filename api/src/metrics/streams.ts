import { Counter, type Registry } from 'prom-client';
import type { HubStats } from '../realtime/hub.ts';
import type { StreamRefusal } from '../realtime/stream-admission.ts';
import { pulledCounter, pulledGauge, single } from './pulled.ts';

/** What the stream metrics read: the process's realtime hub (absent: streams are off). */
export type StreamSource = () => HubStats | undefined;

const refusals: readonly StreamRefusal[] = ['per_ip', 'per_process'];

/** Open streams, events published and delivered, slow clients dropped, admissions refused. */
export function streamMetrics(register: Registry, hub: StreamSource) {
  pulledGauge(register, {
    name: 'lantern_streams_open',
    help: 'Open SSE streams by kind: public (a public status stream) or org (an organization stream).',
    labelNames: ['kind'],
    read: () => {
      const byKind = hub()?.streamsByKind ?? { public: 0, org: 0 };
      return [
        [{ kind: 'public' }, byKind.public],
        [{ kind: 'org' }, byKind.org],
      ];
    },
  });
  pulledCounter(register, {
    name: 'lantern_stream_events_published_total',
    help: 'Events handed to a stream topic with at least one open stream (one per event and audience).',
    read: () => single(hub()?.eventsPublished ?? 0),
  });
  pulledCounter(register, {
    name: 'lantern_stream_events_delivered_total',
    help: 'Event frames written to stream subscribers (one per event and stream).',
    read: () => single(hub()?.eventsSent ?? 0),
  });
  pulledCounter(register, {
    name: 'lantern_stream_slow_clients_dropped_total',
    help: 'Streams closed because the client fell behind (queue past 1 MiB or a write blocked past 5 s).',
    read: () => single(hub()?.clientsDropped ?? 0),
  });
  const refused = new Counter({
    name: 'lantern_stream_admissions_refused_total',
    help: 'Streams refused at admission: per_ip (STREAMS_PER_IP, 429) or per_process (STREAMS_PER_PROCESS, 503).',
    labelNames: ['reason'],
    registers: [register],
  });
  for (const reason of refusals) refused.inc({ reason }, 0);
  return {
    /** Counts a stream refused by the admission caps. */
    refused: (reason: StreamRefusal) => refused.inc({ reason }),
  };
}

export type StreamMetrics = ReturnType<typeof streamMetrics>;
