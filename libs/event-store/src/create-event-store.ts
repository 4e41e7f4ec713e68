import { EventStoreDbAdapter } from './eventstoredb/eventstoredb-event-store';
import { HashChainedEventStore } from './event-store';
import type { EventStoreAdapter } from './event-store.port';
import { PostgresEventStoreAdapter, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
import { INCIDENT_UPCASTERS } from './upcasters/incident-upcasters';

export interface EventStoreSettings {
  /** EVENTSTORE_URL: when set, EventStoreDB/KurrentDB is the store. */
  readonly eventStoreUrl?: string | undefined;
  /** DATABASE_URL: the PostgreSQL event store otherwise. */
  readonly databaseUrl: string;
  /** The PostgreSQL adapter's group-commit tuning, where a service's write pattern wants other than the defaults. */
  readonly postgres?: Pick<PostgresEventStoreOptions, 'maxAppendsInFlight' | 'appendGatherMs'>;
}

/** The store a service uses, chosen by configuration, with the platform's upcasters registered. */
export async function createEventStore(settings: EventStoreSettings): Promise<HashChainedEventStore> {
  const adapter: EventStoreAdapter = settings.eventStoreUrl
    ? await EventStoreDbAdapter.connect(settings.eventStoreUrl)
    : await PostgresEventStoreAdapter.connect({ ...settings.postgres, connectionString: settings.databaseUrl });
  return new HashChainedEventStore(adapter, { upcasters: INCIDENT_UPCASTERS });
}
