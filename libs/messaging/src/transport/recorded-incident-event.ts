import type { IncidentEventOf, IncidentEventType } from '@incident/domain';
import type { RecordedEvent } from '@incident/event-store';

/**
 * An incident event as a handler receives it from `incident.events`: the stored envelope (id, metadata,
 * stream revision, position), upcast to today's schema, with `data` typed by the event type. The pattern of
 * an `@EventPattern('IncidentTriaged')` handler guarantees the type, so
 * `@Payload() event: RecordedIncidentEvent<'IncidentTriaged'>` is exact.
 */
export type RecordedIncidentEvent<T extends IncidentEventType = IncidentEventType> = T extends IncidentEventType
  ? RecordedEvent<T, IncidentEventOf<T>['data']>
  : never;
