import { createHmac } from 'node:crypto';
import type { PlatformConfig } from '@incident/platform';

/** What the channels and links need, read from the platform's NOTIFY_* variables and PUBLIC_BASE_URL. */
export interface NotifySettings {
  readonly linkSecret: string;
  /** Unset: no webhook channel (webhook and phone contacts fail over to the next contact method). */
  readonly webhookSecret?: string;
  /** Unset: no e-mail channel. */
  readonly smtpUrl?: string;
  readonly mailFrom: string;
  /** Unset: no PagerDuty channel. */
  readonly pagerDutyEventsUrl?: string;
  /** Where people reach the service issuing links (the links point back to it). */
  readonly publicBaseUrl: string;
  /** Right-hand side of Message-IDs: the From address's domain. */
  readonly messageIdDomain: string;
  /** The service sending, for PagerDuty's `source`. */
  readonly source: string;
}

type NotifyConfig = Pick<
  PlatformConfig,
  | 'service'
  | 'port'
  | 'httpHost'
  | 'authJwtSecret'
  | 'notifyLinkSecret'
  | 'notifyWebhookSecret'
  | 'notifySmtpUrl'
  | 'notifyMailFrom'
  | 'notifyPagerDutyEventsUrl'
  | 'publicBaseUrl'
>;

/**
 * Without NOTIFY_LINK_SECRET, links are signed with a key derived from AUTH_JWT_SECRET (HMAC with a fixed
 * label): one secret less to manage, yet a link token can never pass as a bearer token or the other way round.
 */
export function notifySettings(config: NotifyConfig): NotifySettings {
  const linkSecret =
    config.notifyLinkSecret ??
    createHmac('sha256', config.authJwtSecret).update('incident-platform/one-click-links').digest('hex');
  const host = config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost;
  return {
    linkSecret,
    ...(config.notifyWebhookSecret !== undefined && { webhookSecret: config.notifyWebhookSecret }),
    ...(config.notifySmtpUrl !== undefined && { smtpUrl: config.notifySmtpUrl }),
    mailFrom: config.notifyMailFrom,
    ...(config.notifyPagerDutyEventsUrl !== undefined && { pagerDutyEventsUrl: config.notifyPagerDutyEventsUrl }),
    publicBaseUrl: config.publicBaseUrl ?? `http://${host}:${config.port}`,
    messageIdDomain: domainOf(config.notifyMailFrom),
    source: config.service,
  };
}

/** `Pages <pages@ops.example>` → `ops.example`; `localhost` when the address has no domain. */
function domainOf(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'localhost';
}
