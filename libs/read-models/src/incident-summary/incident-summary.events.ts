import { INCIDENT_EVENT_TYPES, type IncidentEventType } from '@incident/domain';

/**
 * Every incident event: even those that change no other column move `last_revision` and `last_event_at`, so
 * a dashboard can tell how fresh a row is against the stream.
 */
export const INCIDENT_SUMMARY_EVENTS: ReadonlySet<IncidentEventType> = new Set(INCIDENT_EVENT_TYPES);
