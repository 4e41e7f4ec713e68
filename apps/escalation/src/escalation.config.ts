import type { Actor } from '@incident/event-store';
import type { PlatformConfig } from '@incident/platform';

/** Injection token of the EscalationConfig. */
export const ESCALATION_CONFIG = Symbol('ESCALATION_CONFIG');

/**
 * Escalation's settings, on top of the platform's (channels, links and their secrets are @incident/notify's
 * NOTIFY_* variables and PUBLIC_BASE_URL; the timer lease is ESCALATION_TIMER_LEASE_MS).
 */
export interface EscalationConfig {
  /** The consumer group of every escalation replica (KAFKA_TOPIC_PREFIX is put in front by the transport). */
  readonly consumerGroup: string;
  /** Who the engine acts as, in every event it causes. */
  readonly actor: Actor;
  /** The scheduler queue of escalation's timers (levels and SLA clocks), shared by its replicas. */
  readonly timerQueue: string;
  /** How long a one-click link in a page works. */
  readonly linkTtlMinutes: number;
}

export function escalationConfig(platform: PlatformConfig): EscalationConfig {
  return {
    consumerGroup: platform.service,
    actor: { kind: 'system', id: 'escalation' },
    timerQueue: platform.service,
    linkTtlMinutes: 24 * 60,
  };
}
