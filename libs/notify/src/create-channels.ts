import type { Channel } from './channel';
import { EmailChannel } from './channels/email.channel';
import { PagerDutyChannel } from './channels/pagerduty.channel';
import { WebhookChannel } from './channels/webhook.channel';
import type { NotifySettings } from './notify-settings';

export interface ConfiguredChannels {
  /** Only the configured ones: deliverWithFallback records a contact no channel takes as a failure and moves on. */
  readonly channels: readonly Channel[];
  /** Closes the SMTP connections. */
  close(): void;
}

export function createChannels(settings: NotifySettings): ConfiguredChannels {
  const email = settings.smtpUrl
    ? new EmailChannel({ smtp: settings.smtpUrl, from: settings.mailFrom, messageIdDomain: settings.messageIdDomain })
    : undefined;
  const channels: Channel[] = [
    ...(settings.webhookSecret ? [new WebhookChannel({ signingSecret: settings.webhookSecret })] : []),
    ...(email ? [email] : []),
    ...(settings.pagerDutyEventsUrl
      ? [new PagerDutyChannel({ eventsUrl: settings.pagerDutyEventsUrl, source: settings.source })]
      : []),
  ];
  return { channels, close: () => email?.close() };
}
