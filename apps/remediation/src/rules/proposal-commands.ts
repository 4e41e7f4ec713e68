import type { ApplyContainment, ProposeRemediation, RequestRemediationApproval } from '@incident/domain';
import type { PlannedContainment, PlannedRemediation } from './planned-step';

/** Who the remediation service is in the events it causes. */
export const REMEDIATION_ACTOR_ID = 'remediation';

export function proposeCommand(incidentId: string, step: PlannedRemediation, proposedAt: string): ProposeRemediation {
  return {
    type: 'ProposeRemediation',
    data: {
      incidentId,
      remediationId: step.remediationId,
      action: step.action,
      description: step.description,
      requiresApproval: step.requiresApproval,
      monthlyCostDelta: step.monthlyCostDelta,
      decision: step.decision,
      proposedBy: REMEDIATION_ACTOR_ID,
      proposedAt,
    },
  };
}

/** The request lapses after the runbook file's approvalValidHours; a timer then records it expired. */
export function approvalRequestCommand(
  incidentId: string,
  step: Pick<PlannedRemediation, 'remediationId' | 'monthlyCostDelta' | 'currency'> & { readonly approver: string },
  requestedAt: string,
  validHours: number,
): RequestRemediationApproval {
  return {
    type: 'RequestRemediationApproval',
    data: {
      incidentId,
      remediationId: step.remediationId,
      requestedFrom: step.approver,
      monthlyCostDelta: step.monthlyCostDelta,
      currency: step.currency,
      validUntil: new Date(Date.parse(requestedAt) + validHours * 3_600_000).toISOString(),
      requestedAt,
    },
  };
}

export function containmentCommand(
  incidentId: string,
  step: PlannedContainment,
  output: string,
  appliedAt: string,
): ApplyContainment {
  const description = output === '' ? step.description : `${step.description} (executor: ${output.slice(0, 500)})`;
  return {
    type: 'ApplyContainment',
    data: {
      incidentId,
      containmentId: step.containmentId,
      action: step.action,
      description,
      appliedBy: REMEDIATION_ACTOR_ID,
      appliedAt,
    },
  };
}
