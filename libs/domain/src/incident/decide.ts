import { assertNever } from '../decider';
import { validateCommand } from './command-validation';
import { decideAssignment } from './decide-assignment';
import { decideResponse, preApprovedHoursExceeded } from './decide-response';
import { decideReview } from './decide-review';
import { decideRemediation } from './decide-remediation';
import { reject, requireClassified, requireLegal } from './decision-guards';
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
import { DEFAULT_AUTO_RESOLVE, isLessSevere, type AutoResolve } from './incident-values';
import { ACTIVE_STATUSES, type IncidentStatus } from './lifecycle';

const SOURCE_RESOLVES_IN: Record<AutoResolve, readonly IncidentStatus[]> = {
  always: ACTIVE_STATUSES,
  unacknowledged: ['triggered', 'triaged'],
  never: [],
};

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
      const incident = requireLegal(command, state);
      if (!incident.reviewRequired) reject(command, state, 'no review is required');
      const { incidentId, reason, waivedBy, waivedAt } = command.data;
      return [{ type: 'ReviewWaived', data: { incidentId, reason, waivedBy, waivedAt } }];
    }
    case 'MitigateIncident': {
      requireLegal(command, state);
      const { incidentId, mitigatedBy, summary, mitigatedAt } = command.data;
      return [{ type: 'IncidentMitigated', data: { incidentId, mitigatedBy, summary, mitigatedAt } }];
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
      if (incident.status === 'in_review' && incident.reviewPublishedAt === null) {
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
    case 'PostStatusUpdate':
    case 'LogTime':
      return decideResponse(command, state);
    case 'ProposeRemediation':
    case 'RequestRemediationApproval':
    case 'ApproveRemediation':
    case 'RejectRemediation':
    case 'ExecuteRemediation':
    case 'RecordRemediationFailure':
      return decideRemediation(command, state);
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
  const { incidentId, alertId, allAlertsResolved, autoResolve, reviewRequired, resolvedAt } = command.data;
  const events: IncidentEvent[] = [
    { type: 'AlertResolvedAtSource', data: { incidentId, alertId: alertId ?? null, allAlertsResolved, resolvedAt } },
  ];
  // The integration's policy says whether the source's word resolves the incident (no_action and
  // returned_to_customer are settled by triage: there the source's resolve is only recorded).
  if (allAlertsResolved && SOURCE_RESOLVES_IN[autoResolve ?? DEFAULT_AUTO_RESOLVE].includes(incident.status)) {
    const summary = 'every alert resolved at the source';
    events.push({
      type: 'IncidentResolved',
      data: {
        incidentId,
        cause: 'source',
        resolvedBy: incident.source,
        summary,
        reviewRequired: reviewRequired ?? true,
        resolvedAt,
      },
    });
  }
  return events;
};

const reopen = (command: ReopenIncident, state: IncidentState): IncidentEvent[] => {
  const incident = requireLegal(command, state);
  const { incidentId, alertId, reopenWindowMinutes, reopenedAt } = command.data;
  // A settled incident (no action, returned to the customer) reopens on the customer's reply, counted from triage's decision.
  const since = incident.status === 'resolved' ? incident.resolvedAt : incident.disposition.decidedAt;
  const windowEnd = Date.parse(since) + reopenWindowMinutes * MINUTE_MS;
  if (Date.parse(reopenedAt) > windowEnd) {
    reject(command, state, `the reopen window of ${reopenWindowMinutes} minutes after ${since} has passed`);
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
