import { incidentDecider, type IncidentEvent, type IncidentState } from '@incident/domain';

/** The incident as intake needs it: the domain state plus which of its alerts still fire at the source. */
export interface IncidentView {
  readonly state: IncidentState;
  readonly firing: ReadonlyMap<string, boolean>;
}

export const emptyView = (): IncidentView => ({ state: incidentDecider.initialState(), firing: new Map() });

export function evolveView(view: IncidentView, event: IncidentEvent): IncidentView {
  const state = incidentDecider.evolve(view.state, event);
  const alertId = alertIdOf(event);
  const fires = event.type !== 'AlertResolvedAtSource';
  // A repeat of a firing alert changes nothing here: keep the map rather than copy it (a storm's incident has
  // thousands of alerts, and copying them for each repeat made every repeat slower than the last).
  if (alertId === null || view.firing.get(alertId) === fires) return { state, firing: view.firing };
  const firing = new Map(view.firing);
  firing.set(alertId, fires);
  return { state, firing };
}

export const foldView = (events: readonly IncidentEvent[]): IncidentView => events.reduce(evolveView, emptyView());

function alertIdOf(event: IncidentEvent): string | null {
  switch (event.type) {
    case 'IncidentOpened':
    case 'AlertCorrelated':
    case 'AlertResolvedAtSource':
    case 'IncidentReopened':
      return event.data.alertId;
    default:
      return null;
  }
}

/** Whether the other alerts of the incident have all resolved, once `alertId` resolves too. */
export const onlyOneFiring = (view: IncidentView, alertId: string): boolean =>
  [...view.firing].every(([id, firing]) => id === alertId || !firing);
