import type { Actor } from '@incident/event-store';
import type { PlatformConfig } from '@incident/platform';
import { DEFAULT_TRIAGE_DEADLINE_POLICY, type TriageDeadlinePolicy } from './rules/triage-deadline.policy';

/** Injection token of the TriageConfig. */
export const TRIAGE_CONFIG = Symbol('TRIAGE_CONFIG');

/**
 * Triage's settings, on top of the platform's. None comes from a variable of its own yet: a variable that
 * operators may set belongs in libs/platform's PLATFORM_VARIABLES, so the README table and the compose check
 * know it. The rules are not settings: they are data, applied with `incidentctl triage rules apply`, each
 * version an event (TriageRuleSetSource holds the one in force).
 */
export interface TriageConfig {
  /** The consumer group of every triage replica (KAFKA_TOPIC_PREFIX is put in front by the transport). */
  readonly consumerGroup: string;
  /** Who the automatic triage acts as, in every event it causes. */
  readonly actor: Actor;
  /** How long an incident left for a person may wait before it is escalated. */
  readonly deadline: TriageDeadlinePolicy;
  /** The scheduler queue of triage's timers, shared by its replicas. */
  readonly timerQueue: string;
}

export function triageConfig(platform: PlatformConfig): TriageConfig {
  return {
    consumerGroup: platform.service,
    actor: { kind: 'system', id: 'triage' },
    deadline: DEFAULT_TRIAGE_DEADLINE_POLICY,
    timerQueue: platform.service,
  };
}
