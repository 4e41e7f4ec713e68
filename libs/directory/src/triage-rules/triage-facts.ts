import type { IncidentOpened, IsoTimestamp } from '@incident/domain';
import type { Directory, MaintenanceWindow } from '../directory';
import type { TriageChange, TriageFacts } from './triage-rule-set';

/** What triage reads of the incident: its alert as opened (`IncidentOpened`'s data has all of it). */
export type IncidentAlert = Pick<
  IncidentOpened['data'],
  'source' | 'labels' | 'category' | 'severity' | 'customerId' | 'service' | 'title' | 'drill'
>;

/** The directory's window covering the customer's service at `at` (from inclusive, until exclusive). */
export function maintenanceWindowAt(
  directory: Directory | undefined,
  customerId: string,
  service: string,
  at: IsoTimestamp,
): MaintenanceWindow | undefined {
  const moment = Date.parse(at);
  return directory?.maintenanceWindows.find(
    (window) =>
      window.customer === customerId &&
      window.services.includes(service) &&
      Date.parse(window.from) <= moment &&
      moment < Date.parse(window.until),
  );
}

/**
 * The facts the rules decide on, from the incident's alert and the directory version in force at `at`. Pure: the
 * consumer passes the version it holds, what-if the version recorded at the time. A `drill=true` label makes a
 * drill as the `drill` flag does (intake sets the flag from the label; older incidents carry only the label).
 */
export function triageFactsOf(
  alert: IncidentAlert,
  directory: Directory | undefined,
  at: IsoTimestamp,
  changes?: readonly TriageChange[],
): TriageFacts {
  const customer = directory?.customers.find((c) => c.id === alert.customerId);
  const service = directory?.services.find((s) => s.id === alert.service && s.customer === alert.customerId);
  return {
    source: alert.source,
    labels: alert.labels,
    category: alert.category,
    severity: alert.severity,
    customerId: alert.customerId,
    service: alert.service,
    title: alert.title,
    ticketKind: alert.source === 'ticket' ? (alert.labels['kind'] ?? null) : null,
    drill: alert.drill || alert.labels['drill'] === 'true',
    at,
    subscriptions: customer?.subscriptions ?? [],
    serviceOwnerTeam: service?.ownerTeam ?? null,
    maintenanceWindowId: maintenanceWindowAt(directory, alert.customerId, alert.service, at)?.id ?? null,
    ...(changes !== undefined && { changes }),
  };
}
