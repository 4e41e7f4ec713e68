import { createEventStore, type HashChainedEventStore } from '@incident/event-store';

/** The event store named by the environment, as the services would pick it (EVENTSTORE_URL, else DATABASE_URL). */
export async function storeFromEnvironment(): Promise<HashChainedEventStore> {
  const databaseUrl = process.env['DATABASE_URL'];
  const eventStoreUrl = process.env['EVENTSTORE_URL'] || undefined;
  if (!databaseUrl && !eventStoreUrl) {
    throw new Error(
      'DATABASE_URL (or EVENTSTORE_URL) is not set. Run through `npm run incidentctl -- …`, which reads ' +
        '.data/infra.env, or `export $(cat .data/infra.env | xargs)` after `npm run infra:up`.',
    );
  }
  return createEventStore({ eventStoreUrl, databaseUrl: databaseUrl ?? '' });
}

/** Runs `work` with a store and always closes it, so the CLI exits promptly. */
export async function withStore<T>(work: (store: HashChainedEventStore) => Promise<T>): Promise<T> {
  const store = await storeFromEnvironment();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
