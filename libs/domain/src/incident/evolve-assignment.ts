import { expectOpened, expectStatus } from './evolve-guards';
import type { IncidentEventOf } from './incident-events';
import type { IncidentState } from './incident-state';

type AssignmentEvent = IncidentEventOf<'SeverityChanged' | 'IncidentReassigned' | 'IncidentUnacknowledged'>;

export const evolveAssignment = (state: IncidentState, event: AssignmentEvent): IncidentState => {
  switch (event.type) {
    case 'SeverityChanged':
      return { ...expectOpened(state, event), severity: event.data.severity };
    case 'IncidentReassigned': {
      const { assigneeKind, assignee } = event.data;
      if (assigneeKind === 'person') {
        return { ...expectStatus(state, event, ['triggered', 'triaged', 'acknowledged', 'mitigated']), assignee };
      }
      // A team takes it over: its on-call has to acknowledge (decide un-acknowledged it first if needed).
      const unacknowledged = expectStatus(state, event, ['triggered', 'triaged', 'mitigated']);
      return { ...unacknowledged, owningTeam: assignee, assignee: null };
    }
    case 'IncidentUnacknowledged': {
      const acknowledged = expectStatus(state, event, ['acknowledged']);
      const common = { assignee: null, acknowledgedAt: null, acknowledgedAtLevel: null };
      if (event.data.status === 'triggered') return { ...acknowledged, ...common, status: 'triggered' };
      const { severity, category, owningTeam } = acknowledged;
      if (severity === null || category === null || owningTeam === null) {
        return { ...acknowledged, ...common, status: 'triggered' };
      }
      return { ...acknowledged, ...common, severity, category, owningTeam, status: 'triaged' };
    }
  }
};
