import type { SlaTarget } from '@incident/directory';
import type { IncidentState, OpenedIncident, SlaClock, SlaKind } from '@incident/domain';
import { DIRECTORY_SEVERITY } from './paging-plan';

/**
 * Which SLA clocks a response cycle runs, from the directory's targets for the incident's severity: time to
 * acknowledge (unless someone already has) and time to resolve. Drills are kept out of SLA figures, so they run
 * none. The directory has no mitigation target.
 */
export function slaClocksFor(
  incident: IncidentState,
  targets: Readonly<Record<'critical' | 'high' | 'medium' | 'low', SlaTarget>>,
): SlaClock[] {
  if (incident.status !== 'triggered' && incident.status !== 'triaged' && incident.status !== 'acknowledged') return [];
  if (incident.drill || incident.severity === null) return [];
  const target = targets[DIRECTORY_SEVERITY[incident.severity]];
  const clocks: SlaClock[] = [];
  if (incident.acknowledgedAt === null)
    clocks.push({ sla: 'acknowledgement', targetMinutes: target.acknowledgeWithinMinutes });
  clocks.push({ sla: 'resolution', targetMinutes: target.resolveWithinMinutes });
  return clocks;
}

/** The clock's timer key: one per incident, response cycle and SLA. */
export const slaTimerKey = (incidentId: string, cycle: number, sla: SlaKind): string =>
  `sla:${incidentId}:${cycle}:${sla}`;

/** Whether a clock that ran out is a breach: its milestone has not come, in the cycle it was started for. */
export function isBreach(incident: IncidentState, cycle: number, sla: SlaKind): incident is OpenedIncident {
  if (incident.status === 'initial' || incident.reopenCount !== cycle || incident.slaBreaches.includes(sla))
    return false;
  const open = ['triggered', 'triaged', 'acknowledged', 'mitigated'].includes(incident.status);
  if (!open) return false;
  if (sla === 'acknowledgement') return incident.acknowledgedAt === null;
  if (sla === 'mitigation') return incident.mitigatedAt === null;
  return true;
}
