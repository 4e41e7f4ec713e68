import { requireLegal, reject } from './decision-guards';
import type {
  ApplyContainment,
  EscalateIncident,
  LiftContainment,
  LogTime,
  PageResponder,
  PostStatusUpdate,
  RecordSlaBreach,
} from './incident-commands';
import type { IncidentEvent, PreApprovedHoursExceeded } from './incident-events';
import { findContainment, type IncidentState, type OpenedIncident } from './incident-state';
import { assertNever } from '../decider';

type ResponseCommand =
  PageResponder | EscalateIncident | RecordSlaBreach | ApplyContainment | LiftContainment | PostStatusUpdate | LogTime;

/** Corrective work in any open state (DESIGN.md §2): none of it changes the status. */
export const decideResponse = (command: ResponseCommand, state: IncidentState): IncidentEvent[] => {
  switch (command.type) {
    case 'PageResponder': {
      const incident = requireLegal(command, state);
      const { incidentId, pageId, responderId, channel, pagedAt } = command.data;
      const escalationLevel = incident.escalationLevel;
      return [{ type: 'ResponderPaged', data: { incidentId, pageId, responderId, channel, escalationLevel, pagedAt } }];
    }
    case 'EscalateIncident': {
      const incident = requireLegal(command, state);
      const { incidentId, reason, toLevel, requestedBy, note, escalatedAt } = command.data;
      // Escalation only climbs; a timer that fires twice for one level must not escalate twice.
      if (toLevel <= incident.escalationLevel) {
        reject(command, state, `already at escalation level ${incident.escalationLevel}`);
      }
      const fromLevel = incident.escalationLevel;
      return [
        {
          type: 'IncidentEscalated',
          data: {
            incidentId,
            reason,
            fromLevel,
            toLevel,
            requestedBy: requestedBy ?? null,
            note: note ?? null,
            escalatedAt,
          },
        },
      ];
    }
    case 'RecordSlaBreach': {
      const incident = requireLegal(command, state);
      const { incidentId, sla, targetMinutes, breachedAt } = command.data;
      if (incident.slaBreaches.includes(sla)) reject(command, state, `the ${sla} SLA was already breached`);
      return [{ type: 'SlaBreached', data: { incidentId, sla, targetMinutes, breachedAt } }];
    }
    case 'ApplyContainment': {
      const incident = requireLegal(command, state);
      const { incidentId, containmentId, action, description, appliedBy, appliedAt } = command.data;
      if (findContainment(incident, containmentId))
        reject(command, state, `containment ${containmentId} was already applied`);
      return [
        { type: 'ContainmentApplied', data: { incidentId, containmentId, action, description, appliedBy, appliedAt } },
      ];
    }
    case 'LiftContainment': {
      const incident = requireLegal(command, state);
      const { incidentId, containmentId, liftedBy, reason, liftedAt } = command.data;
      const containment =
        findContainment(incident, containmentId) ??
        reject(command, state, `containment ${containmentId} was never applied`);
      if (containment.liftedAt !== null) {
        reject(command, state, `containment ${containmentId} was already lifted at ${containment.liftedAt}`);
      }
      return [
        { type: 'ContainmentLifted', data: { incidentId, containmentId, liftedBy, reason: reason ?? null, liftedAt } },
      ];
    }
    case 'PostStatusUpdate': {
      requireLegal(command, state);
      const { incidentId, audience, message, postedBy, postedAt } = command.data;
      return [{ type: 'StatusUpdatePosted', data: { incidentId, audience, message, postedBy, postedAt } }];
    }
    case 'LogTime': {
      const incident = requireLegal(command, state);
      const { incidentId, responderId, minutes, note, loggedAt } = command.data;
      const totalMinutes = incident.loggedMinutes + minutes;
      const events: IncidentEvent[] = [
        { type: 'TimeLogged', data: { incidentId, responderId, minutes, totalMinutes, note: note ?? null, loggedAt } },
      ];
      const exceeded = preApprovedHoursExceeded(incident, incident.preApprovedMinutes, totalMinutes, loggedAt);
      if (exceeded) events.push(exceeded);
      return events;
    }
    default:
      return assertNever(command, 'response command');
  }
};

/**
 * The customer's pre-approved time (from triage) is exceeded the first time the running total goes over it;
 * the event is emitted once per incident so that going over stays visible without repeating on every entry.
 */
export const preApprovedHoursExceeded = (
  incident: OpenedIncident,
  preApprovedMinutes: number | null,
  totalMinutes: number,
  at: string,
): PreApprovedHoursExceeded | undefined => {
  if (preApprovedMinutes === null || incident.preApprovedHoursExceeded || totalMinutes <= preApprovedMinutes) {
    return undefined;
  }
  return {
    type: 'PreApprovedHoursExceeded',
    data: { incidentId: incident.incidentId, preApprovedMinutes, totalMinutes, exceededAt: at },
  };
};
