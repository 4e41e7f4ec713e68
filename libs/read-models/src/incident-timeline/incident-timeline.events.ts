import { INCIDENT_EVENT_TYPES, type IncidentEventType } from '@incident/domain';

/** The timeline is the whole history: every incident event type gets a row. */
export const INCIDENT_TIMELINE_EVENTS: ReadonlySet<IncidentEventType> = new Set(INCIDENT_EVENT_TYPES);
