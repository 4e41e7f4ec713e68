import { COMMAND_LEGALITY, type LegalStatusFor } from './command-legality';
import type { IncidentCommand } from './incident-commands';
import { IllegalTransitionError, IncidentValidationError } from './incident-errors';
import type { IncidentDetails, IncidentState, IncidentStateIn } from './incident-state';
import type { IncidentCategory, Severity } from './incident-values';
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

type Classified<S> = S & {
  readonly severity: Severity;
  readonly category: IncidentCategory;
  readonly owningTeam: string;
};

/** Triage's outcomes need triage's classification: an incident acknowledged straight from triggered may lack it. */
export const requireClassified = <S extends IncidentDetails>(
  command: IncidentCommand,
  state: S & IncidentState,
): Classified<S> => {
  if (state.severity === null || state.category === null || state.owningTeam === null) {
    reject(command, state, 'it has not been triaged');
  }
  return state as Classified<S>;
};
