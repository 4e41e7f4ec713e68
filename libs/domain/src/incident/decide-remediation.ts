import { assertNever } from '../decider';
import { approvalAuthority } from './approval-authority';
import { reject, requireLegal } from './decision-guards';
import type {
  ApproveRemediation,
  ExecuteRemediation,
  ExpireRemediationApproval,
  WithdrawRemediationApproval,
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
  | RecordRemediationFailure
  | ExpireRemediationApproval
  | WithdrawRemediationApproval;
type FollowUp = Exclude<RemediationCommand, ProposeRemediation>;

/** A failed attempt may be retried; approval, once given or not needed, still holds. */
const EXECUTABLE: readonly RemediationStatus[] = ['approved', 'failed'];
const AWAITING_DECISION: readonly RemediationStatus[] = ['proposed', 'approval_requested'];
const PENDING: readonly RemediationStatus[] = ['approval_requested'];

/**
 * A remediation's own small lifecycle: proposed → approval_requested → approved | rejected | expired, or back
 * to proposed when the request is withdrawn; an expired request may be asked again. Approve and reject need a
 * pending request, since it names who may decide and until when. It is executed (or fails) once approved, or straight from
 * proposed when it needs no approval (autoscaling within limits); a failed attempt may be retried.
 */
const allowedFrom = (command: FollowUp, remediation: RemediationRecord): readonly RemediationStatus[] => {
  switch (command.type) {
    case 'RequestRemediationApproval':
      return ['proposed', 'expired'];
    case 'ApproveRemediation':
    case 'RejectRemediation':
    case 'ExpireRemediationApproval':
    case 'WithdrawRemediationApproval':
      return PENDING;
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
    const deciding = command.type !== 'RequestRemediationApproval' && !executing;
    const unasked = deciding && remediation.status === 'proposed';
    const why = needsApproval
      ? 'needs approval first'
      : unasked
        ? 'has no pending approval request'
        : `is ${remediation.status}`;
    reject(command, state, `remediation ${remediationId} ${why}`);
  }
  return remediation;
};

export const decideRemediation = (command: RemediationCommand, state: IncidentState): IncidentEvent[] => {
  switch (command.type) {
    case 'ProposeRemediation': {
      const incident = requireLegal(command, state);
      const { incidentId, remediationId, action, description, requiresApproval, monthlyCostDelta } = command.data;
      const { proposedBy, proposedAt, decision } = command.data;
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
            ...(decision !== undefined && { decision }),
            proposedBy,
            proposedAt,
          },
        },
      ];
    }
    case 'RequestRemediationApproval': {
      existing(command, state);
      const { incidentId, remediationId, requestedFrom, monthlyCostDelta, currency, validUntil } = command.data;
      const { requestedAt } = command.data;
      return [
        {
          type: 'RemediationApprovalRequested',
          data: { incidentId, remediationId, requestedFrom, monthlyCostDelta, currency, validUntil, requestedAt },
        },
      ];
    }
    case 'ApproveRemediation': {
      const authority = approvalAuthority(command, state, existing(command, state));
      const { incidentId, remediationId, approvedAt } = command.data;
      const { decidedBy: approvedBy, onBehalfOf, onBehalfReason } = authority;
      return [
        {
          type: 'RemediationApproved',
          data: { incidentId, remediationId, approvedBy, onBehalfOf, onBehalfReason, approvedAt },
        },
      ];
    }
    case 'RejectRemediation': {
      const authority = approvalAuthority(command, state, existing(command, state));
      const { incidentId, remediationId, reason, rejectedAt } = command.data;
      const { decidedBy: rejectedBy, onBehalfOf, onBehalfReason } = authority;
      return [
        {
          type: 'RemediationRejected',
          data: { incidentId, remediationId, rejectedBy, reason, onBehalfOf, onBehalfReason, rejectedAt },
        },
      ];
    }
    case 'ExpireRemediationApproval': {
      const { approval } = existing(command, state);
      const { incidentId, remediationId, expiredAt } = command.data;
      const validUntil =
        approval?.validUntil ?? reject(command, state, `the request for ${remediationId} has no expiry`);
      // The timer may fire early (clock skew, a mis-set timer); the request stays open until its time.
      if (Date.parse(expiredAt) < Date.parse(validUntil)) {
        reject(command, state, `the request for ${remediationId} expires at ${validUntil}`);
      }
      return [{ type: 'RemediationApprovalExpired', data: { incidentId, remediationId, validUntil, expiredAt } }];
    }
    case 'WithdrawRemediationApproval': {
      existing(command, state);
      const { incidentId, remediationId, withdrawnBy, reason, withdrawnAt } = command.data;
      return [
        { type: 'RemediationApprovalWithdrawn', data: { incidentId, remediationId, withdrawnBy, reason, withdrawnAt } },
      ];
    }
    case 'ExecuteRemediation': {
      existing(command, state);
      const { incidentId, remediationId, executedBy, output, executedAt } = command.data;
      const data = { incidentId, remediationId, executedBy, ...(output !== undefined && { output }), executedAt };
      return [{ type: 'RemediationExecuted', data }];
    }
    case 'RecordRemediationFailure': {
      existing(command, state);
      const { incidentId, remediationId, reason, output, failedAt } = command.data;
      return [
        {
          type: 'RemediationFailed',
          data: { incidentId, remediationId, reason, ...(output !== undefined && { output }), failedAt },
        },
      ];
    }
    default:
      return assertNever(command, 'remediation command');
  }
};
