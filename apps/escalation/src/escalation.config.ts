import { createHmac } from 'node:crypto';
import type { Actor } from '@incident/event-store';
import type { PlatformConfig } from '@incident/platform';

/** Injection token of the EscalationConfig. */
export const ESCALATION_CONFIG = Symbol('ESCALATION_CONFIG');

/** Escalation's settings, on top of the platform's (the variables are in libs/platform's PLATFORM_VARIABLES). */
export interface EscalationConfig {
  /** The consumer group of every escalation replica (KAFKA_TOPIC_PREFIX is put in front by the transport). */
  readonly consumerGroup: string;
  /** Who the engine acts as, in every event it causes. */
  readonly actor: Actor;
  /** The scheduler queue of escalation's timers (levels and SLA clocks), shared by its replicas. */
  readonly timerQueue: string;
  /** The base of the one-click links in pages. */
  readonly publicUrl: string;
  /** How long a one-click link works. */
  readonly linkTtlMinutes: number;
  readonly linkSecret: string;
  readonly webhookSecret: string;
  readonly smtpUrl: string;
  readonly mailFrom: string;
  readonly pagerDutyEventsUrl: string;
}

/**
 * A secret of its own for each purpose, derived from the bearer-token secret when the operator set none: a leaked
 * webhook signature key must not sign links or tokens, and a local run needs no extra secrets.
 */
const derived = (secret: string, purpose: string): string =>
  createHmac('sha256', secret).update(`incident-platform:${purpose}`).digest('base64url');

export function escalationConfig(platform: PlatformConfig): EscalationConfig {
  return {
    consumerGroup: platform.service,
    actor: { kind: 'system', id: 'escalation' },
    timerQueue: platform.service,
    publicUrl: platform.escalationPublicUrl,
    linkTtlMinutes: 24 * 60,
    linkSecret: platform.notifyLinkSecret ?? derived(platform.authJwtSecret, 'one-click-links'),
    webhookSecret: platform.notifyWebhookSecret ?? derived(platform.authJwtSecret, 'webhook-signatures'),
    smtpUrl: platform.notifySmtpUrl,
    mailFrom: platform.notifyMailFrom,
    pagerDutyEventsUrl: platform.pagerDutyEventsUrl,
  };
}
