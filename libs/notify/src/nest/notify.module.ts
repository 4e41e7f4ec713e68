import { Inject, Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import { PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';
import { createChannels, type ConfiguredChannels } from '../create-channels';
import { LinkSigner } from '../links/link-token';
import { LinkTokenStore } from '../links/link-token-store';
import { OneClickLinks } from '../links/one-click-links';
import { notifySettings, type NotifySettings } from '../notify-settings';

/** Injection token of the configured channels (`readonly Channel[]`), to pass to deliverWithFallback. */
export const NOTIFY_CHANNELS = Symbol('NOTIFY_CHANNELS');
export const NOTIFY_SETTINGS = Symbol('NOTIFY_SETTINGS');
const CONFIGURED = Symbol('NOTIFY_CONFIGURED');
const LINK_POOL = Symbol('NOTIFY_LINK_POOL');

@Injectable()
class NotifyLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(LinkTokenStore) private readonly store: LinkTokenStore,
    @Inject(LINK_POOL) private readonly pool: Pool,
    @Inject(CONFIGURED) private readonly configured: ConfiguredChannels,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.store.migrate();
  }

  async onApplicationShutdown(): Promise<void> {
    this.configured.close();
    await this.pool.end();
  }
}

/**
 * The channels configured by the NOTIFY_* variables (NOTIFY_CHANNELS), and signed single-use links pointing
 * back at this service (OneClickLinks), whose spent tokens live in the `notify` schema of DATABASE_URL,
 * migrated at start-up. Needs the platform module (PLATFORM_CONFIG).
 */
@Module({
  providers: [
    {
      provide: NOTIFY_SETTINGS,
      inject: [PLATFORM_CONFIG],
      useFactory: (config: PlatformConfig) => notifySettings(config),
    },
    {
      provide: CONFIGURED,
      inject: [NOTIFY_SETTINGS],
      useFactory: (settings: NotifySettings) => createChannels(settings),
    },
    {
      provide: NOTIFY_CHANNELS,
      inject: [CONFIGURED],
      useFactory: (configured: ConfiguredChannels) => configured.channels,
    },
    {
      provide: LINK_POOL,
      inject: [PLATFORM_CONFIG],
      // Small: a redemption is one statement per click.
      useFactory: (config: PlatformConfig) => {
        const pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
        // An idle connection cut by a PostgreSQL restart is reported on the pool; unheard, it ends the process.
        pool.on('error', () => undefined);
        return pool;
      },
    },
    { provide: LinkTokenStore, inject: [LINK_POOL], useFactory: (pool: Pool) => new LinkTokenStore(pool) },
    {
      provide: OneClickLinks,
      inject: [NOTIFY_SETTINGS, LinkTokenStore],
      useFactory: (settings: NotifySettings, store: LinkTokenStore) =>
        new OneClickLinks(new LinkSigner(settings.linkSecret), store, settings.publicBaseUrl),
    },
    NotifyLifecycle,
  ],
  exports: [NOTIFY_CHANNELS, NOTIFY_SETTINGS, OneClickLinks],
})
export class NotifyModule {}
