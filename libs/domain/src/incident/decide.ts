import { assertNever } from '../decider';
import { validateCommand } from './command-validation';
import { open, reopen, resolveAtSource } from './decide-alerts';
import { decideAssignment } from './decide-assignment';
import { decideCommunication } from './decide-communication';
import { decidePaging } from './decide-paging';
import { decideResponse, preApprovedHoursExceeded } from './decide-response';
import { decideReview } from './decide-review';
import { decideRemediation } from './decide-remediation';
import { reject, requireClassified, requireLegal } from './decision-guards';
import { mitigationSource } from './mitigation-source';
import type { IncidentCommand, ReturnIncidentToCustomer, TriageIncident } from './incident-commands';
import type { IncidentEvent } from './incident-events';
import { isReviewWaived, type IncidentState } from './incident-state';
import { isLessSevere } from './incident-values';

/**
 * Validates the command, checks it against the incident's status (COMMAND_LEGALITY) and state, and returns the
 * events that record it. Throws IncidentValidationError or IllegalTransitionError; a command it accepts always
 * yields at least one event (never a silent no-op).
 */
export const decide = (command: IncidentCommand, state: IncidentState): IncidentEvent[] => {
  validateCommand(command);
  switch (command.type) {
    case 'OpenIncident':
      return open(command, state);
    case 'CorrelateAlert': {
      const incident = requireLegal(command, state);
      const { incidentId, alertId, receivedAt } = command.data;
      const alertCount = incident.alertCount + 1;
      // Keys in canonical order: the event store hashes this, a storm's most frequent event, by JSON.stringify then.
      return [{ type: 'AlertCorrelated', data: { alertCount, alertId: alertId ?? null, incidentId, receivedAt } }];
    }
    case 'ResolveAlertAtSource':
      return resolveAtSource(command, state);
    case 'ReopenIncident':
      return reopen(command, state);
    case 'TriageIncident':
      return triage(command, state);
    case 'MarkIncidentNoAction': {
      requireClassified(command, requireLegal(command, state));
      const { incidentId, reason, decidedBy, markedAt } = command.data;
      return [{ type: 'IncidentMarkedNoAction', data: { incidentId, reason, decidedBy, markedAt } }];
    }
    case 'ReturnIncidentToCustomer':
      return returnToCustomer(command, state);
    case 'AcknowledgeIncident':
    case 'ReassignIncident':
    case 'UnacknowledgeIncident':
    case 'ChangeSeverity':
      return decideAssignment(command, state);
    case 'LinkIncident': {
      const incident = requireLegal(command, state);
      const { incidentId, linkedIncidentId, relation, note, linkedBy, linkedAt } = command.data;
      if (linkedIncidentId === incidentId) reject(command, state, 'an incident cannot be linked to itself');
      if (incident.links.some((link) => link.linkedIncidentId === linkedIncidentId && link.relation === relation)) {
        reject(command, state, `it is already linked as ${relation} ${linkedIncidentId}`);
      }
      return [
        {
          type: 'IncidentLinked',
          data: { incidentId, linkedIncidentId, relation, note: note ?? null, linkedBy, linkedAt },
        },
      ];
    }
    case 'WaiveReview': {
      // Who may waive is the caller's review policy (`waivableBy`); a published review is on record for good.
      const incident = requireLegal(command, state);
      if (incident.reviewPublishedAt !== null) reject(command, state, 'the review is already published');
      if (!incident.reviewRequired) reject(command, state, 'no review is required');
      const { incidentId, reason, waivedBy, waivedAt } = command.data;
      return [{ type: 'ReviewWaived', data: { incidentId, reason, waivedBy, waivedAt } }];
    }
    case 'MitigateIncident': {
      const achievedBy = mitigationSource(command, state, requireLegal(command, state));
      const { incidentId, mitigatedBy, summary, mitigatedAt } = command.data;
      return [{ type: 'IncidentMitigated', data: { incidentId, mitigatedBy, summary, achievedBy, mitigatedAt } }];
    }
    case 'ResolveIncident': {
      requireLegal(command, state);
      const { incidentId, resolvedBy, summary, resolvedAt } = command.data;
      const reviewRequired = command.data.reviewRequired ?? true;
      return [
        {
          type: 'IncidentResolved',
          data: { incidentId, cause: 'responder', resolvedBy, summary, reviewRequired, resolvedAt },
        },
      ];
    }
    case 'CloseIncident': {
      const incident = requireLegal(command, state);
      if (incident.status === 'in_review' && incident.reviewPublishedAt === null && !isReviewWaived(incident)) {
        reject(command, state, 'the review has not been published');
      }
      if (incident.status === 'resolved' && incident.reviewRequired) {
        reject(command, state, 'a review is required: start it, or waive it with a reason');
      }
      const { incidentId, closedBy, note, closedAt } = command.data;
      return [{ type: 'IncidentClosed', data: { incidentId, closedBy, note: note ?? null, closedAt } }];
    }
    case 'PageResponder':
    case 'EscalateIncident':
    case 'RecordSlaBreach':
    case 'ApplyContainment':
    case 'LiftContainment':
    case 'PostStatusUpdate':
    case 'LogTime':
      return decideResponse(command, state);
    case 'ProposeRemediation':
    case 'RequestRemediationApproval':
    case 'ApproveRemediation':
    case 'RejectRemediation':
    case 'ExecuteRemediation':
    case 'RecordRemediationFailure':
    case 'ExpireRemediationApproval':
    case 'WithdrawRemediationApproval':
      return decideRemediation(command, state);
    case 'AssembleResponseTeam':
    case 'NotifyCustomer':
      return decideCommunication(command, state);
    case 'StartReview':
    case 'RecordRootCause':
    case 'AddActionItem':
    case 'CompleteActionItem':
    case 'PublishReview':
    case 'SignOffReview':
      return decideReview(command, state);
    case 'RequestPages':
    case 'RecordPageDelivery':
    case 'RecordPageFailure':
    case 'StartSlaClocks':
      return decidePaging(command, state);
    default:
      return assertNever(command, 'incident command');
  }
};

const triage = (command: TriageIncident, state: IncidentState): IncidentEvent[] => {
  const incident = requireLegal(command, state);
  const { incidentId, severity, category, owningTeam, ruleId, preApprovedMinutes, triagedAt } = command.data;
  const data = {
    incidentId,
    severity,
    category,
    owningTeam,
    ruleId,
    preApprovedMinutes: preApprovedMinutes ?? null,
    ruleSetVersion: command.data.ruleSetVersion ?? null,
    reasons: command.data.reasons ?? [],
    maintenanceWindowId: command.data.maintenanceWindowId ?? null,
    flags: command.data.flags ?? [],
    triagedAt,
  };
  const events: IncidentEvent[] = [
    incident.status === 'triggered' ? { type: 'IncidentTriaged', data } : { type: 'IncidentReclassified', data },
  ];
  // Time may have been logged before triage told us the allowance (acknowledged straight from triggered).
  const exceeded = preApprovedHoursExceeded(incident, data.preApprovedMinutes, incident.loggedMinutes, data.triagedAt);
  if (exceeded) events.push(exceeded);
  return events;
};

const returnToCustomer = (command: ReturnIncidentToCustomer, state: IncidentState): IncidentEvent[] => {
  const incident = requireClassified(command, requireLegal(command, state));
  const { incidentId, reason, returnedBy, downgradeTo, returnedAt } = command.data;
  if (downgradeTo !== undefined && !isLessSevere(downgradeTo, incident.severity)) {
    reject(command, state, `${downgradeTo} is not a downgrade from ${incident.severity}`);
  }
  return [
    {
      type: 'IncidentReturnedToCustomer',
      data: {
        incidentId,
        reason,
        returnedBy,
        previousSeverity: incident.severity,
        downgradedTo: downgradeTo ?? null,
        returnedAt,
      },
    },
  ];
};
