import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import {
  type Channel,
  EmailChannel,
  LinkSigner,
  LinkTokenStore,
  OneClickLinks,
  PagerDutyChannel,
  WebhookChannel,
} from '@incident/notify';
import { PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';
import { ESCALATION_CONFIG, type EscalationConfig } from '../escalation.config';

/** The delivery channels pages go through, and the one-click links they carry (spent tokens in PostgreSQL). */
@Injectable()
export class NotifyChannels implements OnModuleInit, OnApplicationShutdown {
  readonly channels: readonly Channel[];
  readonly links: OneClickLinks;
  private readonly email: EmailChannel;
  private readonly pool: Pool;
  private readonly tokens: LinkTokenStore;

  constructor(@Inject(ESCALATION_CONFIG) config: EscalationConfig, @Inject(PLATFORM_CONFIG) platform: PlatformConfig) {
    const domain = /@([^>\s]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'incident-platform.local';
    this.email = new EmailChannel({ smtp: config.smtpUrl, from: config.mailFrom, messageIdDomain: domain });
    this.channels = [
      new WebhookChannel({ signingSecret: config.webhookSecret }),
      this.email,
      new PagerDutyChannel({ eventsUrl: config.pagerDutyEventsUrl, source: 'incident-platform escalation' }),
    ];
    this.pool = new Pool({ connectionString: platform.databaseUrl, max: 4 });
    this.tokens = new LinkTokenStore(this.pool);
    this.links = new OneClickLinks(new LinkSigner(config.linkSecret), this.tokens, config.publicUrl);
  }

  async onModuleInit(): Promise<void> {
    await this.tokens.migrate();
  }

  async onApplicationShutdown(): Promise<void> {
    this.email.close();
    await this.pool.end();
  }
}
