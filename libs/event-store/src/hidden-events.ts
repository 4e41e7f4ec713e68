import type { EventStore } from './event-store.port';
import { HashChainedEventStore } from './event-store';
import { PostgresEventStoreAdapter } from './postgres/postgres-event-store';

/**
 * Committed events this store's global readers cannot see yet (the PostgreSQL store's xmin rule, see
 * countHiddenEvents); always 0 for a store without that rule. Readers that must reach "everything appended so
 * far" wait until this is 0 rather than stop at an empty page.
 */
export function hiddenEvents(store: EventStore | Pick<EventStore, 'readAll'>): Promise<number> {
  const adapter = store instanceof HashChainedEventStore ? store.adapter : store;
  return adapter instanceof PostgresEventStoreAdapter ? adapter.hiddenEvents() : Promise.resolve(0);
}
