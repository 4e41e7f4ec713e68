import { eventsAfter, type EventStore } from '@incident/event-store';

/** Counts the events of the global log after a checkpoint: a projection's lag, or a rebuild's total. */
export interface EventLogHead {
  eventsAfter(checkpoint: string | null): Promise<number>;
}

/** Asks the store, which counts by its readers' own visibility rule: "0 behind" means read all a reader can see. */
export function eventLogHead(store: Pick<EventStore, 'readAll' | 'head'>): EventLogHead {
  return { eventsAfter: (checkpoint) => eventsAfter(store, checkpoint ?? undefined) };
}
