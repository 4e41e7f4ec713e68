import { UnexpectedEventError } from './incident-errors';
import type { IncidentEvent } from './incident-events';
import type { IncidentState, IncidentStateIn, OpenedIncident } from './incident-state';
import type { IncidentCategory, Severity } from './incident-values';
import type { IncidentStatus } from './lifecycle';

/** Narrows the state for an event that may only follow the given statuses; anything else is a broken history. */
export const expectStatus = <S extends IncidentStatus>(
  state: IncidentState,
  event: IncidentEvent,
  statuses: readonly S[],
): IncidentStateIn<S> => {
  if (!(statuses as readonly IncidentStatus[]).includes(state.status)) {
    throw new UnexpectedEventError(event.type, state.status);
  }
  return state as IncidentStateIn<S>;
};

export const expectOpened = (state: IncidentState, event: IncidentEvent): OpenedIncident => {
  if (state.status === 'initial') throw new UnexpectedEventError(event.type, state.status);
  return state;
};

type Classified<S> = S & {
  readonly severity: Severity;
  readonly category: IncidentCategory;
  readonly owningTeam: string;
};

/** Triage's outcomes follow triage: an unclassified incident here is a broken history. */
export const expectClassified = <S extends OpenedIncident>(state: S, event: IncidentEvent): Classified<S> => {
  if (state.severity === null || state.category === null || state.owningTeam === null) {
    throw new UnexpectedEventError(event.type, state.status);
  }
  return state as Classified<S>;
};
