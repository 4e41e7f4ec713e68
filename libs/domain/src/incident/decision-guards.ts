import { COMMAND_LEGALITY, type LegalStatusFor } from './command-legality';
import type { IncidentCommand } from './incident-commands';
import { IllegalTransitionError, IncidentValidationError } from './incident-errors';
import type { IncidentState, IncidentStateIn } from './incident-state';
import type { IncidentStatus } from './lifecycle';

/**
 * Throws unless the command is listed for the state's status in COMMAND_LEGALITY, and narrows the state to
 * those statuses: the table is the single source of truth for decide, the README and the tests.
 */
export const requireLegal = <C extends IncidentCommand>(
  command: C,
  state: IncidentState,
): IncidentStateIn<LegalStatusFor<C['type']>> => {
  const allowed: readonly IncidentStatus[] = COMMAND_LEGALITY[command.type];
  if (!allowed.includes(state.status)) {
    throw new IllegalTransitionError(
      command.type,
      state.status,
      state.status === 'initial' ? 'it has not been opened' : null,
    );
  }
  if (state.status !== 'initial' && state.incidentId !== command.data.incidentId) {
    throw new IncidentValidationError(command.type, 'incidentId', `does not match incident ${state.incidentId}`);
  }
  return state as IncidentStateIn<LegalStatusFor<C['type']>>;
};

/** A command legal in this status that the state still forbids: also a 409, with the reason spelled out. */
export const reject = (command: IncidentCommand, state: IncidentState, reason: string): never => {
  throw new IllegalTransitionError(command.type, state.status, reason);
};
