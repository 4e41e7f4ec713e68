/**
 * Every incident's events live in one stream named after it (DESIGN.md §3). The name is built here and only
 * here, so that writers, readers and the relay's key can never drift apart.
 */
export const INCIDENT_STREAM_PREFIX = 'incident-';

export const incidentStreamId = (incidentId: string): string => `${INCIDENT_STREAM_PREFIX}${incidentId}`;

/** The incident a stream belongs to, or null for a stream of something else (an alert group, a directory). */
export const incidentIdOfStream = (streamId: string): string | null =>
  streamId.startsWith(INCIDENT_STREAM_PREFIX) ? streamId.slice(INCIDENT_STREAM_PREFIX.length) : null;
