import { createHmac } from 'node:crypto';
import type { Actor } from '@incident/event-store';
import type { PlatformConfig } from '@incident/platform';
import { REMEDIATION_ACTOR_ID } from './rules/proposal-commands';

/** Injection token of the RemediationConfig. */
export const REMEDIATION_CONFIG = Symbol('REMEDIATION_CONFIG');

/** Remediation's settings, on top of the platform's (no variable of its own: see triage.config.ts). */
export interface RemediationConfig {
  readonly consumerGroup: string;
  /** Who the service acts as, in every event it causes. */
  readonly actor: Actor;
  readonly timerQueue: string;
  /**
   * Signs executor webhooks. NOTIFY_WEBHOOK_SECRET when set (the receivers already know it), else a key derived
   * from AUTH_JWT_SECRET with a label of its own, so it is never the bearer-token key itself.
   */
  readonly executorSecret: string;
  /** The directory team told when a customer goes past its pre-approved hours (issue 16, item 7). */
  readonly customerSuccessTeam: string;
}

export function remediationConfig(platform: PlatformConfig): RemediationConfig {
  return {
    consumerGroup: platform.service,
    actor: { kind: 'system', id: REMEDIATION_ACTOR_ID },
    timerQueue: platform.service,
    executorSecret:
      platform.notifyWebhookSecret ??
      createHmac('sha256', platform.authJwtSecret).update('incident-platform/remediation-executors').digest('hex'),
    customerSuccessTeam: 'customer-success',
  };
}
