import type { FailurePolicy } from '@incident/directory';
import type { ContainmentAction, RemediationAction, RemediationDecision } from '@incident/domain';

/** A containment step: applied first, before any other step, and lifted explicitly later. */
export interface PlannedContainment {
  readonly kind: 'containment';
  readonly stepId: string;
  readonly containmentId: string;
  readonly action: ContainmentAction;
  readonly description: string;
  readonly executor: string;
  readonly onFailure: FailurePolicy;
}

/** An automated fix or resize: runs at once when `requiresApproval` is false, else waits for the customer. */
export interface PlannedRemediation {
  readonly kind: 'remediation';
  readonly stepId: string;
  readonly remediationId: string;
  readonly action: RemediationAction;
  readonly description: string;
  readonly requiresApproval: boolean;
  readonly monthlyCostDelta: number;
  readonly currency: string;
  /** The customer's contact who approves cost changes (their e-mail); `null` when the directory names none. */
  readonly approver: string | null;
  readonly decision: RemediationDecision;
  readonly onFailure: FailurePolicy;
}

export interface PlannedManualStep {
  readonly kind: 'manual';
  readonly stepId: string;
  readonly description: string;
}

export interface PlannedNotice {
  readonly kind: 'notify';
  readonly stepId: string;
  readonly message: string;
}

export type PlannedStep = PlannedContainment | PlannedRemediation | PlannedManualStep | PlannedNotice;
