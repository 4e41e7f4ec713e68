import type { ProjectedEvent } from '../projection/projected-event';
import { describeEvent } from './describe-event';
import type { IncidentTimelineEntry } from './incident-timeline.entity';

/** The timeline only grows: each event is a new row, and no event changes an earlier one. */
export function timelineEntryFor({ event, placement }: ProjectedEvent): IncidentTimelineEntry {
  return {
    incidentId: placement.incidentId,
    streamRevision: placement.streamRevision,
    eventId: placement.eventId,
    eventType: event.type,
    occurredAt: new Date(placement.occurredAt),
    recordedAt: new Date(placement.recordedAt),
    actorKind: placement.actor.kind,
    actorId: placement.actor.id,
    summary: describeEvent(event),
    globalPosition: placement.globalPosition,
    details: event.data as Record<string, unknown>,
  };
}
