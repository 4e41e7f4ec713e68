import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig, ReadinessChecks } from '@incident/platform';
import { createEventStore, type EventStoreSettings } from '../create-event-store';
import type { HashChainedEventStore } from '../event-store';
import { IncidentCommandHandler } from '../incident-command-handler';
import { addEventStoreReadiness } from './event-store-readiness';

/** Injection token of the service's HashChainedEventStore (EventStoreDB or PostgreSQL, by configuration). */
export const EVENT_STORE = Symbol('EVENT_STORE');

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: HashChainedEventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * One event store per process, connected (and, for PostgreSQL, migrated) before the app starts serving, and the
 * IncidentCommandHandler over it that services inject to issue commands.
 */
@Module({})
export class EventStoreModule {
  /** `postgres`: group-commit tuning for this service's store (see PostgresEventStoreOptions). */
  static forRoot(postgres?: EventStoreSettings['postgres']): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [PLATFORM_CONFIG, { token: ReadinessChecks, optional: true }],
          useFactory: async (config: PlatformConfig, readiness: ReadinessChecks | undefined) => {
            const store = await createEventStore({
              eventStoreUrl: config.eventStoreUrl,
              databaseUrl: config.databaseUrl,
              ...(postgres && { postgres }),
            });
            addEventStoreReadiness(readiness, config, store);
            return store;
          },
        },
        {
          provide: IncidentCommandHandler,
          inject: [EVENT_STORE],
          useFactory: (store: HashChainedEventStore) => new IncidentCommandHandler(store),
        },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE, IncidentCommandHandler],
    };
  }
}
