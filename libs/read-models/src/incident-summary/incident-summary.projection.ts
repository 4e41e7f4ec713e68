import type { Projection } from '../projection/projection';
import { applyToIncidentRows } from '../projection/incident-rows';
import { IncidentSummary } from './incident-summary.entity';
import { INCIDENT_SUMMARY_EVENTS } from './incident-summary.events';
import { evolveIncidentSummary } from './incident-summary.evolve';

export const incidentSummaryProjection: Projection = {
  name: 'incident_summary',
  description: 'one row per incident: status, classification, assignment, customer updates, disposition, timestamps',
  tables: ['incident_summary'],
  handles: INCIDENT_SUMMARY_EVENTS,
  apply: (manager, events, context) =>
    applyToIncidentRows(
      manager,
      {
        entity: IncidentSummary,
        evolve: (rows, projected) => {
          const next = evolveIncidentSummary(rows[0], projected, context.termsAt(projected.placement));
          return next ? [next] : rows;
        },
      },
      events,
    ).then(() => undefined),
};
