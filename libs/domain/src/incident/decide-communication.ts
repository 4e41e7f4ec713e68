import { assertNever } from '../decider';
import { requireLegal } from './decision-guards';
import type { AssembleResponseTeam, NotifyCustomer } from './incident-commands';
import type { IncidentEvent } from './incident-events';
import type { IncidentState } from './incident-state';

type CommunicationCommand = AssembleResponseTeam | NotifyCustomer;

/**
 * Who responds and what the customer hears (handbook: communication is a corrective action of its own). Neither
 * changes the status; the customer may also be told why triage settled the incident or after it was resolved.
 */
export const decideCommunication = (command: CommunicationCommand, state: IncidentState): IncidentEvent[] => {
  requireLegal(command, state);
  switch (command.type) {
    case 'AssembleResponseTeam': {
      const { incidentId, members, assembledBy, assembledAt } = command.data;
      const copied = members.map(({ personId, role }) => ({ personId, role }));
      return [{ type: 'ResponseTeamAssembled', data: { incidentId, members: copied, assembledBy, assembledAt } }];
    }
    case 'NotifyCustomer': {
      const { incidentId, channel, message, nextUpdateDue, notifiedBy, notifiedAt } = command.data;
      const data = { incidentId, channel, message, nextUpdateDue: nextUpdateDue ?? null, notifiedBy, notifiedAt };
      return [{ type: 'CustomerNotified', data }];
    }
    default:
      return assertNever(command, 'communication command');
  }
};
