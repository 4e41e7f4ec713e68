import type { EventStore } from '@incident/event-store';
import { syntheticIncident, type SyntheticIncident } from './synthetic-incident';

export interface AppendSyntheticOptions {
  /** Index of the first incident (histories depend on it); default 0. */
  readonly firstIndex?: number;
  /** Appends in flight at once; default 16. */
  readonly concurrency?: number;
  /** Each history is appended in this many slices, in rounds, so incidents interleave in the global log. */
  readonly slices?: number;
  readonly onAppended?: (events: number) => void;
}

/** Appends the histories of `count` synthetic incidents; returns them (their ids and events). */
export async function appendSyntheticIncidents(
  store: Pick<EventStore, 'append'>,
  count: number,
  options: AppendSyntheticOptions = {},
): Promise<SyntheticIncident[]> {
  const first = options.firstIndex ?? 0;
  const slices = options.slices ?? 3;
  const incidents = Array.from({ length: count }, (_, n) => syntheticIncident(first + n));
  const written = new Map<string, number>();
  for (let slice = 0; slice < slices; slice++) {
    const work = incidents.flatMap((incident) => {
      const size = Math.ceil(incident.events.length / slices);
      const events = incident.events.slice(slice * size, (slice + 1) * size);
      return events.length === 0 ? [] : [{ incident, events }];
    });
    let next = 0;
    const worker = async () => {
      for (let item = work[next++]; item; item = work[next++]) {
        const expected = written.get(item.incident.streamId) ?? 'no_stream';
        const result = await store.append(item.incident.streamId, item.events, expected);
        written.set(item.incident.streamId, result.nextExpectedRevision);
        options.onAppended?.(item.events.length);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  }
  return incidents;
}
