import { excludeSystemEvents, type Filter } from '@kurrent/kurrentdb-client';

/**
 * What "not a system event" means on EventStoreDB, for every reader of $all: the global reads, the
 * subscriptions and head(). They must agree, or a reader's last event and the head differ for ever (the relay's
 * lag never returned to 0 while its probe filtered by event type only and the reads also dropped `$` streams).
 *
 * Two halves: the server filters out system event types (`$`-prefixed: `$metadata`, `$>` links, `$statsCollected`)
 * before sending anything; the client then drops what is left of the system streams (`$`-prefixed stream ids),
 * a few of whose events have ordinary types.
 */
export function systemEventsFilter(): Filter {
  return excludeSystemEvents();
}

/** True for an event a reader of the global log may see: neither its type nor its stream is a system one. */
export function isUserEvent(record: { readonly streamId: string; readonly type: string }): boolean {
  return !record.type.startsWith('$') && !record.streamId.startsWith('$');
}
