import type { Actor } from '@incident/event-store';
import type { PlatformConfig } from '@incident/platform';

/** Injection token of the ReviewConfig. */
export const REVIEW_CONFIG = Symbol('REVIEW_CONFIG');

/**
 * The review service's settings, on top of the platform's. The review policy is not a setting: it is data,
 * each version an event of the `review-policy` stream (ReviewPolicySource holds the one in force).
 */
export interface ReviewConfig {
  /** The consumer group of every review replica (KAFKA_TOPIC_PREFIX is put in front by the transport). */
  readonly consumerGroup: string;
  /** Who the review service acts as, in every event it causes. */
  readonly actor: Actor;
}

export function reviewConfig(platform: PlatformConfig): ReviewConfig {
  return { consumerGroup: platform.service, actor: { kind: 'system', id: 'review' } };
}
