import { assertNever } from '../decider';
import { reject, requireLegal } from './decision-guards';
import type { AcknowledgeIncident, ChangeSeverity, ReassignIncident, UnacknowledgeIncident } from './incident-commands';
import type { IncidentEvent } from './incident-events';
import type { IncidentDetails, IncidentState } from './incident-state';

type AssignmentCommand = AcknowledgeIncident | ReassignIncident | UnacknowledgeIncident | ChangeSeverity;

/** Who holds the incident and how urgent it is: acknowledgement, take-over, hand-over and severity changes. */
export const decideAssignment = (command: AssignmentCommand, state: IncidentState): IncidentEvent[] => {
  switch (command.type) {
    case 'AcknowledgeIncident':
      return acknowledge(command, state);
    case 'ReassignIncident':
      return reassign(command, state);
    case 'UnacknowledgeIncident': {
      const incident = requireLegal(command, state);
      const { incidentId, reason, unacknowledgedBy, unacknowledgedAt } = command.data;
      const status = unacknowledgedStatus(incident);
      const previousAssignee = incident.assignee;
      return [
        {
          type: 'IncidentUnacknowledged',
          data: { incidentId, previousAssignee, reason, unacknowledgedBy, status, unacknowledgedAt },
        },
      ];
    }
    case 'ChangeSeverity': {
      const incident = requireLegal(command, state);
      const { incidentId, severity, reason, changedBy, changedAt } = command.data;
      if (incident.severity === severity) reject(command, state, `the severity is already ${severity}`);
      const previousSeverity = incident.severity;
      return [
        { type: 'SeverityChanged', data: { incidentId, previousSeverity, severity, reason, changedBy, changedAt } },
      ];
    }
    default:
      return assertNever(command, 'assignment command');
  }
};

const acknowledge = (command: AcknowledgeIncident, state: IncidentState): IncidentEvent[] => {
  const incident = requireLegal(command, state);
  const { incidentId, responderId, acknowledgedAt } = command.data;
  // Already acknowledged: only a different responder, after an escalation since, may take it over.
  if (incident.status === 'acknowledged') {
    if (responderId === incident.assignee) reject(command, state, `${responderId} has already acknowledged it`);
    if (incident.escalationLevel <= (incident.acknowledgedAtLevel ?? 1)) {
      reject(command, state, 'it has not been escalated since it was acknowledged');
    }
  }
  return [{ type: 'IncidentAcknowledged', data: { incidentId, responderId, acknowledgedAt } }];
};

const reassign = (command: ReassignIncident, state: IncidentState): IncidentEvent[] => {
  const incident = requireLegal(command, state);
  const { incidentId, assigneeKind, assignee, reason, reassignedBy, reassignedAt } = command.data;
  if (assigneeKind === 'person' && assignee === incident.assignee) {
    reject(command, state, `${assignee} is already the assignee`);
  }
  const events: IncidentEvent[] = [];
  // A team's on-call has not acknowledged anything yet: handing an acknowledged incident to a team pages afresh.
  if (assigneeKind === 'team' && incident.status === 'acknowledged') {
    const status = unacknowledgedStatus(incident);
    events.push({
      type: 'IncidentUnacknowledged',
      data: {
        incidentId,
        previousAssignee: incident.assignee,
        reason: `reassigned to team ${assignee}: ${reason}`,
        unacknowledgedBy: reassignedBy,
        status,
        unacknowledgedAt: reassignedAt,
      },
    });
  }
  const previousAssignee = assigneeKind === 'team' && events.length > 0 ? null : incident.assignee;
  events.push({
    type: 'IncidentReassigned',
    data: { incidentId, previousAssignee, assigneeKind, assignee, reason, reassignedBy, reassignedAt },
  });
  return events;
};

/** Back to where paging starts: triaged if triage classified it (acknowledged-first incidents may not be). */
const unacknowledgedStatus = ({ severity, category, owningTeam }: IncidentDetails): 'triaged' | 'triggered' =>
  severity !== null && category !== null && owningTeam !== null ? 'triaged' : 'triggered';
