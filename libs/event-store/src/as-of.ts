import type { RecordedEvent } from './envelope';

/** A point in a stream's history: after a revision, or as the platform had recorded it by a time. */
export type AsOf = { readonly revision: number } | { readonly at: Date } | Record<string, never>;

/** The prefix of a stream's events (in revision order) that existed at `asOf`. Recorded time, not occurred time. */
export function eventsAsOf<E extends RecordedEvent>(events: readonly E[], asOf: AsOf): E[] {
  if ('revision' in asOf) return events.filter((event) => event.streamRevision <= asOf.revision);
  if ('at' in asOf) return events.filter((event) => new Date(event.metadata.recordedAt) <= asOf.at);
  return [...events];
}
