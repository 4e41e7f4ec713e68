import { createEventStore, type HashChainedEventStore } from '@incident/event-store';
import { createTestDatabase, type TestDatabase } from '@incident/testing';
import type { DataSource } from 'typeorm';
import { openReadModels } from '../schema/read-model-data-source';

export interface ReadModelFixture {
  readonly database: TestDatabase;
  readonly store: HashChainedEventStore;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/** A database of the suite's own with the PostgreSQL event store and the read models migrated into it. */
export async function readModelFixture(label: string): Promise<ReadModelFixture> {
  const database = await createTestDatabase(label);
  // The store the services use, upcasters and all: whatever version it stamps on write is what it upcasts on read,
  // so a wrong stamp shows up here as a lost customer, drill flag or alert id.
  const store = await createEventStore({ databaseUrl: database.url });
  const dataSource = await openReadModels({ databaseUrl: database.url });
  return {
    database,
    store,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await store.close();
      await database.drop();
    },
  };
}
