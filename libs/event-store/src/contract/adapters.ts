import { createTestDatabase, unavailableReason } from '@incident/testing';
import type { EventStoreAdapter } from '../event-store.port';
import { PostgresEventStoreAdapter } from '../postgres/postgres-event-store';
import { EventStoreDbAdapter } from '../eventstoredb/eventstoredb-event-store';

export interface AdapterUnderTest {
  readonly adapter: EventStoreAdapter;
  dispose(): Promise<void>;
}

export interface AdapterFactory {
  readonly name: string;
  /** Why this adapter cannot be tested here, or undefined when it can (decided by globalSetup). */
  unavailable(): string | undefined;
  create(): Promise<AdapterUnderTest>;
}

export const postgresFactory: AdapterFactory = {
  name: 'PostgreSQL',
  unavailable: () => unavailableReason('postgres'),
  create: async () => {
    const database = await createTestDatabase('event_store');
    const adapter = await PostgresEventStoreAdapter.connect({ connectionString: database.url, pollIntervalMs: 100 });
    return {
      adapter,
      dispose: async () => {
        await adapter.close();
        await database.drop();
      },
    };
  },
};

type Started = { getHost(): string; getMappedPort(port: number): number; stop(): Promise<unknown> };

/** EVENTSTORE_URL first, else a KurrentDB container when a Docker engine answers; else not testable here. */
export const eventStoreDbFactory: AdapterFactory = {
  name: 'EventStoreDB',
  unavailable: () => unavailableReason('eventstoredb'),
  create: async () => {
    let container: Started | undefined;
    let url = process.env['EVENTSTORE_URL'];
    if (!url) {
      const { GenericContainer, Wait } = await import('testcontainers');
      container = await new GenericContainer('kurrentplatform/kurrentdb:25.0')
        .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_RUN_PROJECTIONS: 'None', KURRENTDB_MEM_DB: 'true' })
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
        .start();
      url = `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
    }
    const adapter = await EventStoreDbAdapter.connect(url);
    return {
      adapter,
      dispose: async () => {
        await adapter.close();
        await container?.stop();
      },
    };
  },
};
