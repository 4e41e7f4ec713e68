import { assertNever } from '../decider';
import { validateCommand } from './command-validation';
import { decideCommunication } from './decide-communication';
import { decideResponse, preApprovedHoursExceeded } from './decide-response';
import { decideReview } from './decide-review';
import { decideRemediation } from './decide-remediation';
import { reject, requireLegal } from './decision-guards';
import { mitigationSource } from './mitigation-source';
import type {
  IncidentCommand,
  OpenIncident,
  ReopenIncident,
  ResolveAlertAtSource,
  ReturnIncidentToCustomer,
  TriageIncident,
} from './incident-commands';
import type { IncidentEvent } from './incident-events';
import type { IncidentState } from './incident-state';
import { isLessSevere } from './incident-values';

const MINUTE_MS = 60_000;

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
      return [{ type: 'AlertCorrelated', data: { incidentId, alertId: alertId ?? null, alertCount, receivedAt } }];
    }
    case 'ResolveAlertAtSource':
      return resolveAtSource(command, state);
    case 'ReopenIncident':
      return reopen(command, state);
    case 'TriageIncident':
      return triage(command, state);
    case 'MarkIncidentNoAction': {
      requireLegal(command, state);
      const { incidentId, reason, decidedBy, markedAt } = command.data;
      return [{ type: 'IncidentMarkedNoAction', data: { incidentId, reason, decidedBy, markedAt } }];
    }
    case 'ReturnIncidentToCustomer':
      return returnToCustomer(command, state);
    case 'AcknowledgeIncident': {
      requireLegal(command, state);
      const { incidentId, responderId, acknowledgedAt } = command.data;
      return [{ type: 'IncidentAcknowledged', data: { incidentId, responderId, acknowledgedAt } }];
    }
    case 'MitigateIncident': {
      const achievedBy = mitigationSource(command, state, requireLegal(command, state));
      const { incidentId, mitigatedBy, summary, mitigatedAt } = command.data;
      return [{ type: 'IncidentMitigated', data: { incidentId, mitigatedBy, summary, achievedBy, mitigatedAt } }];
    }
    case 'ResolveIncident': {
      requireLegal(command, state);
      const { incidentId, resolvedBy, summary, resolvedAt } = command.data;
      return [{ type: 'IncidentResolved', data: { incidentId, cause: 'responder', resolvedBy, summary, resolvedAt } }];
    }
    case 'CloseIncident': {
      const incident = requireLegal(command, state);
      if (incident.status === 'in_review' && incident.reviewPublishedAt === null) {
        reject(command, state, 'the review has not been published');
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
      return decideReview(command, state);
    default:
      return assertNever(command, 'incident command');
  }
};

const open = (command: OpenIncident, state: IncidentState): IncidentEvent[] => {
  requireLegal(command, state);
  const { incidentId, dedupKey, source, customerId, service, title, openedAt } = command.data;
  const { category, severity, labels, drill, alertId } = command.data;
  return [
    {
      type: 'IncidentOpened',
      data: {
        incidentId,
        dedupKey,
        source,
        customerId,
        service,
        title,
        openedAt,
        category: category ?? null,
        severity: severity ?? null,
        labels: { ...labels },
        drill: drill ?? false,
        alertId: alertId ?? null,
      },
    },
  ];
};

const resolveAtSource = (command: ResolveAlertAtSource, state: IncidentState): IncidentEvent[] => {
  const incident = requireLegal(command, state);
  const { incidentId, alertId, allAlertsResolved, resolvedAt } = command.data;
  const events: IncidentEvent[] = [
    { type: 'AlertResolvedAtSource', data: { incidentId, alertId: alertId ?? null, allAlertsResolved, resolvedAt } },
  ];
  // Only before anyone acted does the source's word resolve the incident; afterwards the responders decide.
  if (incident.status === 'triggered' && allAlertsResolved) {
    const summary = 'every alert resolved at the source before anyone acted';
    events.push({
      type: 'IncidentResolved',
      data: { incidentId, cause: 'source', resolvedBy: incident.source, summary, resolvedAt },
    });
  }
  return events;
};

const reopen = (command: ReopenIncident, state: IncidentState): IncidentEvent[] => {
  const incident = requireLegal(command, state);
  const { incidentId, alertId, reopenWindowMinutes, reopenedAt } = command.data;
  const windowEnd = Date.parse(incident.resolvedAt) + reopenWindowMinutes * MINUTE_MS;
  if (Date.parse(reopenedAt) > windowEnd) {
    reject(
      command,
      state,
      `the reopen window of ${reopenWindowMinutes} minutes after ${incident.resolvedAt} has passed`,
    );
  }
  const reopenCount = incident.reopenCount + 1;
  const alertCount = incident.alertCount + 1;
  return [
    { type: 'IncidentReopened', data: { incidentId, alertId: alertId ?? null, reopenCount, alertCount, reopenedAt } },
  ];
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
  const incident = requireLegal(command, state);
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
