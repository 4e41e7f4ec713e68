/** `initial` means "no stream yet": the incident has not been opened. */
export const INCIDENT_STATUSES = [
  'initial',
  'triggered',
  'triaged',
  'acknowledged',
  'mitigated',
  'resolved',
  'in_review',
  'closed',
  'no_action',
  'returned_to_customer',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type OpenedStatus = Exclude<IncidentStatus, 'initial'>;

/** Someone is working the incident: pages, escalations, remediation and status updates happen here. */
export const ACTIVE_STATUSES = ['triggered', 'triaged', 'acknowledged', 'mitigated'] as const;
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

/**
 * Every status change the domain may make (DESIGN.md §2). A command either keeps the status or moves it along
 * exactly one of these edges; the property tests hold evolve to that.
 * `triggered → acknowledged` is the ▲ into acknowledged: the on-call engineer paged by an alert acknowledges and
 * then triages (enterprise monitoring seed), so triage may come after acknowledgement.
 */
export const LIFECYCLE_EDGES = [
  ['initial', 'triggered'],
  ['triggered', 'triaged'],
  ['triggered', 'acknowledged'],
  ['triggered', 'resolved'],
  ['triaged', 'acknowledged'],
  ['triaged', 'mitigated'],
  ['triaged', 'resolved'],
  ['triaged', 'no_action'],
  ['triaged', 'returned_to_customer'],
  ['acknowledged', 'triggered'],
  ['acknowledged', 'triaged'],
  ['acknowledged', 'mitigated'],
  ['acknowledged', 'resolved'],
  ['acknowledged', 'no_action'],
  ['acknowledged', 'returned_to_customer'],
  ['mitigated', 'resolved'],
  ['resolved', 'triggered'],
  ['resolved', 'in_review'],
  ['resolved', 'closed'],
  ['in_review', 'closed'],
  ['no_action', 'triggered'],
  ['no_action', 'closed'],
  ['returned_to_customer', 'triggered'],
  ['returned_to_customer', 'closed'],
] as const satisfies readonly (readonly [IncidentStatus, IncidentStatus])[];

export const isLifecycleEdge = (from: IncidentStatus, to: IncidentStatus): boolean =>
  LIFECYCLE_EDGES.some(([edgeFrom, edgeTo]) => edgeFrom === from && edgeTo === to);

/** A status may stay where it is or follow one edge. */
export const canMove = (from: IncidentStatus, to: IncidentStatus): boolean => from === to || isLifecycleEdge(from, to);
