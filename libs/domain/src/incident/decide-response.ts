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
      const { incidentId, responderId, kind, minutes, note, preApproved, loggedAt } = command.data;
      const totalMinutes = incident.loggedMinutes + minutes;
      const period = preApproved?.period ?? null;
      const logged: IncidentEvent = {
        type: 'TimeLogged',
        data: { incidentId, responderId, kind, minutes, totalMinutes, period, note: note ?? null, loggedAt },
      };
      const exceeded = preApproved
        ? periodBudgetExceeded(command, state, incident)
        : preApprovedHoursExceeded(incident, incident.preApprovedMinutes, totalMinutes, loggedAt);
      return exceeded ? [logged, exceeded] : [logged];
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
    data: {
      incidentId: incident.incidentId,
      customerId: incident.customerId,
      period: null,
      budgetMinutes: preApprovedMinutes,
      usedMinutes: totalMinutes,
      reason: null,
      exceededAt: at,
    },
  };
};

/**
 * The customer's budget for the period (supplied with the command) is overrun by every entry that ends past it,
 * each with its reason, so the overrun and why it was accepted stay visible entry by entry.
 */
const periodBudgetExceeded = (
  command: LogTime,
  state: IncidentState,
  incident: OpenedIncident,
): PreApprovedHoursExceeded | undefined => {
  const { minutes, preApproved, overrunReason, loggedAt } = command.data;
  if (!preApproved) return undefined;
  const { period, budgetMinutes } = preApproved;
  const usedMinutes = preApproved.usedMinutes + minutes;
  if (usedMinutes <= budgetMinutes) return undefined;
  const { customerId } = incident;
  const reason =
    overrunReason ??
    reject(
      command,
      state,
      `${usedMinutes} min would exceed ${customerId}'s ${budgetMinutes} pre-approved min for ${period}: give an overrunReason`,
    );
  return {
    type: 'PreApprovedHoursExceeded',
    data: {
      incidentId: incident.incidentId,
      customerId,
      period,
      budgetMinutes,
      usedMinutes,
      reason,
      exceededAt: loggedAt,
    },
  };
};
