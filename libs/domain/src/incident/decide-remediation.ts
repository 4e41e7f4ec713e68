import { assertNever } from '../decider';
import { reject, requireLegal } from './decision-guards';
import type {
  ApproveRemediation,
  ExecuteRemediation,
  ProposeRemediation,
  RecordRemediationFailure,
  RejectRemediation,
  RequestRemediationApproval,
} from './incident-commands';
import type { IncidentEvent } from './incident-events';
import { findRemediation, type IncidentState, type RemediationRecord } from './incident-state';
import type { RemediationStatus } from './incident-values';

type RemediationCommand =
  | ProposeRemediation
  | RequestRemediationApproval
  | ApproveRemediation
  | RejectRemediation
  | ExecuteRemediation
  | RecordRemediationFailure;
type FollowUp = Exclude<RemediationCommand, ProposeRemediation>;

/** A failed attempt may be retried; approval, once given or not needed, still holds. */
const EXECUTABLE: readonly RemediationStatus[] = ['approved', 'failed'];
const AWAITING_DECISION: readonly RemediationStatus[] = ['proposed', 'approval_requested'];

/**
 * A remediation's own small lifecycle: proposed → approval_requested → approved | rejected; approve or reject
 * may also be decided straight from proposed. It is executed (or fails) once approved, or straight from
 * proposed when it needs no approval (autoscaling within limits); a failed attempt may be retried.
 */
const allowedFrom = (command: FollowUp, remediation: RemediationRecord): readonly RemediationStatus[] => {
  switch (command.type) {
    case 'RequestRemediationApproval':
      return ['proposed'];
    case 'ApproveRemediation':
    case 'RejectRemediation':
      return AWAITING_DECISION;
    case 'ExecuteRemediation':
    case 'RecordRemediationFailure':
      return remediation.requiresApproval ? EXECUTABLE : ['proposed', ...EXECUTABLE];
    default:
      return assertNever(command, 'remediation command');
  }
};

const existing = (command: FollowUp, state: IncidentState): RemediationRecord => {
  const incident = requireLegal(command, state);
  const { remediationId } = command.data;
  const remediation =
    findRemediation(incident, remediationId) ??
    reject(command, state, `remediation ${remediationId} was never proposed`);
  if (!allowedFrom(command, remediation).includes(remediation.status)) {
    const executing = command.type === 'ExecuteRemediation' || command.type === 'RecordRemediationFailure';
    const needsApproval = executing && AWAITING_DECISION.includes(remediation.status);
    const why = needsApproval ? 'needs approval first' : `is ${remediation.status}`;
    reject(command, state, `remediation ${remediationId} ${why}`);
  }
  return remediation;
};

export const decideRemediation = (command: RemediationCommand, state: IncidentState): IncidentEvent[] => {
  switch (command.type) {
    case 'ProposeRemediation': {
      const incident = requireLegal(command, state);
      const { incidentId, remediationId, action, description, requiresApproval, monthlyCostDelta } = command.data;
      const { proposedBy, proposedAt } = command.data;
      if (findRemediation(incident, remediationId))
        reject(command, state, `remediation ${remediationId} was already proposed`);
      return [
        {
          type: 'RemediationProposed',
          data: {
            incidentId,
            remediationId,
            action,
            description,
            requiresApproval,
            monthlyCostDelta: monthlyCostDelta ?? null,
            proposedBy,
            proposedAt,
          },
        },
      ];
    }
    case 'RequestRemediationApproval': {
      existing(command, state);
      const { incidentId, remediationId, requestedFrom, requestedAt } = command.data;
      return [
        { type: 'RemediationApprovalRequested', data: { incidentId, remediationId, requestedFrom, requestedAt } },
      ];
    }
    case 'ApproveRemediation': {
      existing(command, state);
      const { incidentId, remediationId, approvedBy, approvedAt } = command.data;
      return [{ type: 'RemediationApproved', data: { incidentId, remediationId, approvedBy, approvedAt } }];
    }
    case 'RejectRemediation': {
      existing(command, state);
      const { incidentId, remediationId, rejectedBy, reason, rejectedAt } = command.data;
      return [{ type: 'RemediationRejected', data: { incidentId, remediationId, rejectedBy, reason, rejectedAt } }];
    }
    case 'ExecuteRemediation': {
      existing(command, state);
      const { incidentId, remediationId, executedBy, executedAt } = command.data;
      return [{ type: 'RemediationExecuted', data: { incidentId, remediationId, executedBy, executedAt } }];
    }
    case 'RecordRemediationFailure': {
      existing(command, state);
      const { incidentId, remediationId, reason, failedAt } = command.data;
      return [{ type: 'RemediationFailed', data: { incidentId, remediationId, reason, failedAt } }];
    }
    default:
      return assertNever(command, 'remediation command');
  }
};
