import { fold, type Decider } from '../decider';
import { decide } from './decide';
import { evolve } from './evolve';
import type { IncidentCommand } from './incident-commands';
import type { IncidentEvent } from './incident-events';
import { initialState, type IncidentState } from './incident-state';

export type IncidentDecider = Decider<IncidentState, IncidentCommand, IncidentEvent>;

export const incidentDecider: IncidentDecider = { decide, evolve, initialState };

/** The incident's state after the given history, e.g. to answer "what was it at revision n". */
export const replayIncident = (events: readonly IncidentEvent[]): IncidentState => fold(incidentDecider, events);
