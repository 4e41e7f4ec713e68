import type { SlaTarget } from '@incident/directory';
import type { IncidentState, OpenedIncident, SlaClock, SlaKind } from '@incident/domain';
import { DIRECTORY_SEVERITY } from './paging-plan';

/**
 * Which SLA clocks a response cycle runs, from the directory's targets for the incident's severity: time to
 * acknowledge (unless someone already has), time to resolve, and time between customer updates (started again
 * at each update). Drills are kept out of SLA figures, so they run none. The directory has no mitigation target.
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
  clocks.push({ sla: 'customer_update', targetMinutes: target.customerUpdateEveryMinutes });
  return clocks;
}

/**
 * The customer-update clock after the customer heard from us: running again from the latest update, while the
 * cycle's clock runs and the incident is open. Null when it does not restart (a drill, not started, ended).
 */
export function customerUpdateRestart(
  incident: IncidentState,
  targets: Readonly<Record<'critical' | 'high' | 'medium' | 'low', SlaTarget>>,
): { startedAt: string; clock: SlaClock } | null {
  if (incident.status === 'initial' || !OPEN.includes(incident.status) || incident.severity === null) return null;
  if (!incident.slaClocks.includes('customer_update') || incident.lastCustomerUpdateAt === null) return null;
  const targetMinutes = targets[DIRECTORY_SEVERITY[incident.severity]].customerUpdateEveryMinutes;
  return { startedAt: incident.lastCustomerUpdateAt, clock: { sla: 'customer_update', targetMinutes } };
}

const OPEN: readonly string[] = ['triggered', 'triaged', 'acknowledged', 'mitigated'];

/** The clock's timer key: one per incident, response cycle and SLA. */
export const slaTimerKey = (incidentId: string, cycle: number, sla: SlaKind): string =>
  `sla:${incidentId}:${cycle}:${sla}`;

/** Whether a clock that ran out is a breach: its milestone has not come, in the cycle it was started for. */
export function isBreach(incident: IncidentState, cycle: number, sla: SlaKind): incident is OpenedIncident {
  if (incident.status === 'initial' || incident.reopenCount !== cycle || incident.slaBreaches.includes(sla))
    return false;
  if (!OPEN.includes(incident.status)) return false;
  if (sla === 'acknowledgement') return incident.acknowledgedAt === null;
  if (sla === 'mitigation') return incident.mitigatedAt === null;
  return true;
}

/**
 * Whether the customer heard from us between the update clock's start and its due time: then it was started
 * again and its timer is being moved (the stream has the update before escalation has acted on it).
 */
export function restartedInTime(incident: IncidentState, startedAt: string, dueAt: string): boolean {
  if (incident.status === 'initial' || incident.lastCustomerUpdateAt === null) return false;
  const told = Date.parse(incident.lastCustomerUpdateAt);
  return Date.parse(startedAt) < told && told <= Date.parse(dueAt);
}
