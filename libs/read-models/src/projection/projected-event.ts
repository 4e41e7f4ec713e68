import { incidentIdOfStream, isIncidentEventType, type IncidentEvent, type IncidentEventType } from '@incident/domain';
import type { Actor, RecordedEvent } from '@incident/event-store';

/** Where an event sits in the store and who caused it: what a projection may use besides the event itself. */
export interface EventPlacement {
  readonly incidentId: string;
  readonly eventId: string;
  readonly streamRevision: number;
  /** Decimal string: positions are 64-bit. */
  readonly globalPosition: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor;
}

/** An incident event as a projection sees it: the typed domain event and its placement in the log. */
export interface ProjectedEvent<E extends IncidentEvent = IncidentEvent> {
  readonly event: E;
  readonly placement: EventPlacement;
}

/**
 * The global log can carry streams other than incidents, and a newer producer may write an event type this
 * build does not know yet; both are skipped (their position still counts as read). Events arrive upcast to
 * the current schema by the store, so the domain's types describe them.
 */
export function toProjectedEvent(recorded: RecordedEvent): ProjectedEvent | undefined {
  if (incidentIdOfStream(recorded.streamId) === null || !isIncidentEventType(recorded.type)) return undefined;
  const event = { type: recorded.type, data: recorded.data } as IncidentEvent;
  return {
    event,
    placement: {
      incidentId: event.data.incidentId,
      eventId: recorded.id,
      streamRevision: recorded.streamRevision,
      globalPosition: recorded.globalPosition.toString(),
      occurredAt: recorded.metadata.occurredAt,
      recordedAt: recorded.metadata.recordedAt,
      actor: recorded.metadata.actor,
    },
  };
}

/** Narrows a projected event by type, for evolve functions that switch on `projected.event.type`. */
export type ProjectedEventOf<T extends IncidentEventType> = ProjectedEvent<Extract<IncidentEvent, { type: T }>>;
