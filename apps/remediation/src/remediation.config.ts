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
  /** Where a webhook executor that answered 202 reports the result (the signed callback route). */
  readonly executorCallbackUrl: string;
}

export const EXECUTOR_CALLBACK_PATH = '/v1/executor-callbacks';

export function remediationConfig(platform: PlatformConfig): RemediationConfig {
  const host = platform.httpHost === '0.0.0.0' ? '127.0.0.1' : platform.httpHost;
  return {
    consumerGroup: platform.service,
    actor: { kind: 'system', id: REMEDIATION_ACTOR_ID },
    timerQueue: platform.service,
    executorSecret:
      platform.notifyWebhookSecret ??
      createHmac('sha256', platform.authJwtSecret).update('incident-platform/remediation-executors').digest('hex'),
    customerSuccessTeam: 'customer-success',
    // As the notify links are built: PUBLIC_BASE_URL when set, else this process's own address.
    executorCallbackUrl: `${platform.publicBaseUrl ?? `http://${host}:${platform.port}`}${EXECUTOR_CALLBACK_PATH}`,
  };
}
