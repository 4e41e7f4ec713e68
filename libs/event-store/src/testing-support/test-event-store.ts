import { createTestDatabase, type TestDatabase } from '@incident/testing';
import { type EventStoreOptions, HashChainedEventStore } from '../event-store';
import { PostgresEventStoreAdapter, type PostgresEventStoreOptions } from '../postgres/postgres-event-store';

export interface TestEventStoreOptions extends Omit<PostgresEventStoreOptions, 'connectionString'> {
  /** For the hash-chained store: a pinned clock, other upcasters. */
  readonly store?: EventStoreOptions;
}

export interface ConnectedTestEventStore {
  readonly adapter: PostgresEventStoreAdapter;
  readonly store: HashChainedEventStore;
}

export interface TestEventStore extends ConnectedTestEventStore {
  readonly database: TestDatabase;
  /** Another store on the same database with a pool of its own, as another replica has; `close()` closes it too. */
  connect(options?: TestEventStoreOptions): Promise<ConnectedTestEventStore>;
  /** Closes every store's pool, then drops the database. */
  close(): Promise<void>;
}

/** A PostgreSQL event store on a database of the suite's own, with the hash-chained store the services put over it. */
export async function createTestEventStore(
  label: string,
  options: TestEventStoreOptions = {},
): Promise<TestEventStore> {
  const database = await createTestDatabase(label);
  const adapters: PostgresEventStoreAdapter[] = [];
  const connect = async ({ store, ...adapterOptions }: TestEventStoreOptions = {}) => {
    const adapter = await PostgresEventStoreAdapter.connect({ ...adapterOptions, connectionString: database.url });
    adapters.push(adapter);
    return { adapter, store: new HashChainedEventStore(adapter, store) };
  };
  const close = async () => {
    await Promise.all(adapters.map((adapter) => adapter.close()));
    await database.drop();
  };
  try {
    return { database, ...(await connect(options)), connect, close };
  } catch (error) {
    // A suite whose set-up failed never learns of the database: drop it here.
    await close();
    throw error;
  }
}
