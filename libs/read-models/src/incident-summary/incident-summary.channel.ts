/**
 * The PostgreSQL channel on which every committed insert or update of an incident_summary row is announced,
 * the incident id as payload (migration IncidentSummaryNotify1796515200000). LISTEN on it for a live list.
 */
export const INCIDENT_SUMMARY_CHANNEL = 'incident_summary_changed';
