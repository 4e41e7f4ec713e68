import { reject } from './decision-guards';
import type { ApproveRemediation, RejectRemediation } from './incident-commands';
import type { IncidentState, RemediationRecord } from './incident-state';
import { ADMIN_ROLE } from './incident-values';

/** Who decided for whom: `onBehalfOf` is set only when an admin decided for the named contact. */
export interface ApprovalAuthority {
  readonly decidedBy: string;
  readonly onBehalfOf: string | null;
  readonly onBehalfReason: string | null;
}

const MS = (timestamp: string): number => Date.parse(timestamp);

/**
 * Only the contact the request names may approve or reject it; an admin may act for them, saying why (the
 * reason is kept in the event for the auditor). A decision after the request's expiry is refused even if the
 * expiry timer has not fired yet.
 */
export const approvalAuthority = (
  command: ApproveRemediation | RejectRemediation,
  state: IncidentState,
  remediation: RemediationRecord,
): ApprovalAuthority => {
  const { by, onBehalfReason, remediationId } = command.data;
  const request = remediation.approval ?? reject(command, state, `remediation ${remediationId} has no request`);
  const decidedAt = command.type === 'ApproveRemediation' ? command.data.approvedAt : command.data.rejectedAt;
  if (request.validUntil !== null && MS(decidedAt) > MS(request.validUntil)) {
    reject(command, state, `the approval request for ${remediationId} expired at ${request.validUntil}`);
  }
  if (by.id === request.requestedFrom) return { decidedBy: by.id, onBehalfOf: null, onBehalfReason: null };
  if (!by.roles.includes(ADMIN_ROLE)) {
    reject(command, state, `${by.id} may not decide: the approval was requested from ${request.requestedFrom}`);
  }
  const reason =
    onBehalfReason ?? reject(command, state, `an admin deciding for ${request.requestedFrom} must give a reason`);
  return { decidedBy: by.id, onBehalfOf: request.requestedFrom, onBehalfReason: reason };
};
