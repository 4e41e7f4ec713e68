import type { Channel } from './channel';
import { EmailChannel } from './channels/email.channel';
import { PagerDutyChannel } from './channels/pagerduty.channel';
import { WebhookChannel } from './channels/webhook.channel';

/**
 * What the channels need, as a service's config gives it (escalation reads NOTIFY_SMTP_URL, NOTIFY_MAIL_FROM,
 * NOTIFY_WEBHOOK_SECRET and PAGERDUTY_EVENTS_URL from the platform's variables). A channel left out is not
 * configured: deliverWithFallback records its contacts as failures and moves on to the next contact method.
 */
export interface ChannelSettings {
  readonly webhookSecret?: string;
  readonly smtpUrl?: string;
  /** Required with smtpUrl; its domain ends every Message-ID. */
  readonly mailFrom?: string;
  readonly pagerDutyEventsUrl?: string;
  /** PagerDuty's `source`: the service sending. */
  readonly source?: string;
}

export interface ConfiguredChannels {
  readonly channels: readonly Channel[];
  /** Closes the SMTP connections. */
  close(): void;
}

export function createChannels(settings: ChannelSettings): ConfiguredChannels {
  const { smtpUrl, mailFrom = 'pages@localhost' } = settings;
  const email = smtpUrl
    ? new EmailChannel({ smtp: smtpUrl, from: mailFrom, messageIdDomain: messageIdDomainOf(mailFrom) })
    : undefined;
  const channels: Channel[] = [
    ...(settings.webhookSecret ? [new WebhookChannel({ signingSecret: settings.webhookSecret })] : []),
    ...(email ? [email] : []),
    ...(settings.pagerDutyEventsUrl
      ? [
          new PagerDutyChannel({
            eventsUrl: settings.pagerDutyEventsUrl,
            source: settings.source ?? 'incident-platform',
          }),
        ]
      : []),
  ];
  return { channels, close: () => email?.close() };
}

/** `Pages <pages@ops.example>` → `ops.example`; `localhost` when the address has no domain. */
export function messageIdDomainOf(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}
