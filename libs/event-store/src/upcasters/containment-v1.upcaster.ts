import type { Upcaster } from '../upcasting';

/*
 * Issue 13 gave containments an id (so they can be lifted and named as what mitigated an incident) and let a
 * mitigation name its source. A v1 containment takes its stored event's id, which is unique and stable across
 * replays; a v1 mitigation named nothing.
 */

export const containmentAppliedV1Upcaster: Upcaster = {
  type: 'ContainmentApplied',
  fromVersion: 1,
  upcast: (data, event) => ({ containmentId: event.id, ...(data as object) }),
};

export const incidentMitigatedV1Upcaster: Upcaster = {
  type: 'IncidentMitigated',
  fromVersion: 1,
  upcast: (data) => ({ ...(data as object), achievedBy: null }),
};
