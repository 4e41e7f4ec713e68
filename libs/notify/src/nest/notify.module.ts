import {
  type DynamicModule,
  Inject,
  Injectable,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type OnModuleInit,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { Pool } from 'pg';
import { createChannels, type ChannelSettings, type ConfiguredChannels } from '../create-channels';
import { LinkSigner } from '../links/link-token';
import { LinkTokenStore } from '../links/link-token-store';
import { OneClickLinks } from '../links/one-click-links';

export interface NotifyOptions extends ChannelSettings {
  /** Where spent link tokens are kept (the `notify` schema, migrated at start-up). */
  readonly databaseUrl: string;
  readonly linkSecret: string;
  /** Older link secrets still accepted, while links signed with them may be clicked. */
  readonly previousLinkSecrets?: readonly string[];
  /** Where people's browsers reach the service taking the links. */
  readonly publicUrl: string;
}

export interface NotifyModuleOptions {
  /** Modules providing what `inject` names, unless they are global (as the platform's PLATFORM_CONFIG is). */
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  readonly useFactory: (...deps: never[]) => NotifyOptions | Promise<NotifyOptions>;
}

/** Injection token of the configured channels (`readonly Channel[]`), to pass to deliverWithFallback. */
export const NOTIFY_CHANNELS = Symbol('NOTIFY_CHANNELS');
const OPTIONS = Symbol('NOTIFY_OPTIONS');
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
 * The configured channels (NOTIFY_CHANNELS) and signed single-use links pointing back at the service
 * (OneClickLinks), for any service that reaches people. The service maps its own config:
 *
 *   NotifyModule.forRoot({
 *     inject: [PLATFORM_CONFIG],
 *     useFactory: (config: PlatformConfig) => ({ databaseUrl: config.databaseUrl, linkSecret: …, publicUrl: …,
 *       smtpUrl: config.notifySmtpUrl, mailFrom: config.notifyMailFrom, webhookSecret: …, pagerDutyEventsUrl: … }),
 *   })
 */
@Module({})
export class NotifyModule {
  static forRoot(options: NotifyModuleOptions): DynamicModule {
    return {
      module: NotifyModule,
      imports: options.imports ?? [],
      providers: [
        { provide: OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        { provide: CONFIGURED, inject: [OPTIONS], useFactory: (settings: NotifyOptions) => createChannels(settings) },
        {
          provide: NOTIFY_CHANNELS,
          inject: [CONFIGURED],
          useFactory: (configured: ConfiguredChannels) => configured.channels,
        },
        {
          provide: LINK_POOL,
          inject: [OPTIONS],
          // Small: a redemption is one statement per click.
          useFactory: (settings: NotifyOptions) => new Pool({ connectionString: settings.databaseUrl, max: 2 }),
        },
        { provide: LinkTokenStore, inject: [LINK_POOL], useFactory: (pool: Pool) => new LinkTokenStore(pool) },
        {
          provide: OneClickLinks,
          inject: [OPTIONS, LinkTokenStore],
          useFactory: (settings: NotifyOptions, store: LinkTokenStore) =>
            new OneClickLinks(
              new LinkSigner(settings.linkSecret, settings.previousLinkSecrets),
              store,
              settings.publicUrl,
            ),
        },
        NotifyLifecycle,
      ],
      exports: [NOTIFY_CHANNELS, OneClickLinks],
    };
  }
}
