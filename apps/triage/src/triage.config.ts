import type { Actor } from '@incident/event-store';
import type { PlatformConfig } from '@incident/platform';
import { DEFAULT_TRIAGE_DEADLINE_POLICY, type TriageDeadlinePolicy } from './rules/triage-deadline.policy';
import { DEFAULT_TRIAGE_POLICY, type TriagePolicy } from './rules/triage.policy';

/** Injection token of the TriageConfig. */
export const TRIAGE_CONFIG = Symbol('TRIAGE_CONFIG');

/**
 * Triage's settings, on top of the platform's. None comes from a variable of its own yet: a variable that
 * operators may set belongs in libs/platform's PLATFORM_VARIABLES, so the README table and the compose check
 * know it. The policy is code for now; as data (YAML applied with incidentctl, each version an event) it
 * will arrive through the same TriagePolicy type.
 */
export interface TriageConfig {
  /** The consumer group of every triage replica (KAFKA_TOPIC_PREFIX is put in front by the transport). */
  readonly consumerGroup: string;
  /** Who the automatic triage acts as, in every event it causes. */
  readonly actor: Actor;
  readonly policy: TriagePolicy;
  /** How long an incident left for a person may wait before it is escalated. */
  readonly deadline: TriageDeadlinePolicy;
  /** The scheduler queue of triage's timers, shared by its replicas. */
  readonly timerQueue: string;
}

export function triageConfig(platform: PlatformConfig): TriageConfig {
  return {
    consumerGroup: platform.service,
    actor: { kind: 'system', id: 'triage' },
    policy: DEFAULT_TRIAGE_POLICY,
    deadline: DEFAULT_TRIAGE_DEADLINE_POLICY,
    timerQueue: platform.service,
  };
}
