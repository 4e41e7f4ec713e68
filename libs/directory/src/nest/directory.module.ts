import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type HashChainedEventStore } from '@incident/event-store';
import { BackgroundLoops, PINO_LOGGER, PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';
import type { Logger } from 'pino';
import { DirectoryReader } from '../directory-reader';
import { DirectoryVersions } from '../versions/directory-versions';
import { registerConfigReload } from './config-reload';

/** Loads the version in force before the app serves, then polls for a newer one as a background loop. */
@Injectable()
class DirectoryReloader implements OnModuleInit {
  constructor(
    private readonly reader: DirectoryReader,
    @Inject(BackgroundLoops) private readonly loops: BackgroundLoops,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(PLATFORM_CONFIG) private readonly config: Pick<PlatformConfig, 'directoryPollMs'>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reader.refresh();
    registerConfigReload(this.loops, this.logger, {
      label: 'directory version',
      reader: this.reader,
      pollMs: this.config.directoryPollMs,
    });
  }
}

/**
 * DirectoryReader (the version in force, reloaded every DIRECTORY_POLL_MS, default 10 s) and DirectoryVersions
 * (apply, history, version at a moment) over the service's event store. Needs EventStoreModule.forRoot().
 */
@Module({
  providers: [
    {
      provide: DirectoryReader,
      inject: [EVENT_STORE],
      useFactory: (store: HashChainedEventStore) => new DirectoryReader(store),
    },
    {
      provide: DirectoryVersions,
      inject: [EVENT_STORE],
      useFactory: (store: HashChainedEventStore) => new DirectoryVersions(store),
    },
    DirectoryReloader,
  ],
  exports: [DirectoryReader, DirectoryVersions],
})
export class DirectoryModule {}
