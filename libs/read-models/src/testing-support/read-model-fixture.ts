import { HashChainedEventStore, PostgresEventStoreAdapter } from '@incident/event-store';
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
  const adapter = await PostgresEventStoreAdapter.connect({ connectionString: database.url });
  // No upcasters, as in the auditor API's suite: handleCommand appends without a schema version, so the store
  // records IncidentOpened as v1 and INCIDENT_UPCASTERS would rewrite its (v2) data on read, losing customerId.
  // Synthetic histories carry their current schema versions and read the same either way.
  const store = new HashChainedEventStore(adapter);
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
