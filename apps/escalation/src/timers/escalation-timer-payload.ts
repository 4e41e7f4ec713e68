import type { SlaKind } from '@incident/domain';
import type { PagingReason } from '../rules/paging-plan';

/** A level of the policy run of a cycle falls due (or a person asked for it). */
export interface LevelTimerPayload {
  readonly kind: 'level';
  readonly incidentId: string;
  readonly cycle: number;
  readonly level: number;
  readonly repeat: number;
  readonly reason: PagingReason;
}

/** An SLA clock of a cycle runs out. */
export interface SlaTimerPayload {
  readonly kind: 'sla';
  readonly incidentId: string;
  readonly cycle: number;
  readonly sla: SlaKind;
  readonly targetMinutes: number;
}

/** Escalation's one timer queue holds both kinds; the handler tells them apart by `kind`. */
export type EscalationTimerPayload = LevelTimerPayload | SlaTimerPayload;
