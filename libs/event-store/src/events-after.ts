import type { EventStore } from './event-store.port';
import { HashChainedEventStore } from './event-store';
import { PostgresEventStoreAdapter } from './postgres/postgres-event-store';

const PAGE = 5_000;

/**
 * How many events of the global log a reader standing at `after` has still to read (all of them for undefined):
 * a projection's lag, a rebuild's total. One COUNT on the PostgreSQL store, by its readers' own visibility rule;
 * any other store is paged through, which is slow for a long lag but exact, and free when the reader stands
 * at the head.
 */
export async function eventsAfter(
  store: Pick<EventStore, 'readAll' | 'head'>,
  after: string | undefined,
): Promise<number> {
  const adapter = store instanceof HashChainedEventStore ? store.adapter : store;
  if (adapter instanceof PostgresEventStoreAdapter) return adapter.countEventsAfter(after);
  const head = await store.head();
  if (!head || head.checkpoint === after) return 0;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: PAGE });
    count += page.length;
    after = page.at(-1)?.checkpoint ?? after;
    if (page.length < PAGE) return count;
  }
}
