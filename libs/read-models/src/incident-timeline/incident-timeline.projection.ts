import type { Projection } from '../projection/projection';
import { insertRows } from '../projection/upsert-rows';
import { IncidentTimelineEntry } from './incident-timeline.entity';
import { INCIDENT_TIMELINE_EVENTS } from './incident-timeline.events';
import { timelineEntryFor } from './incident-timeline.evolve';

export const incidentTimelineProjection: Projection = {
  name: 'incident_timeline',
  description: 'one row per event, in words',
  tables: ['incident_timeline'],
  handles: INCIDENT_TIMELINE_EVENTS,
  apply: (manager, events) => insertRows(manager, IncidentTimelineEntry, events.map(timelineEntryFor)),
};
