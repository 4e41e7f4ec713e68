import { reject, requireLegal } from './decision-guards';
import type { OpenIncident, ReopenIncident, ResolveAlertAtSource } from './incident-commands';
import type { IncidentEvent } from './incident-events';
import type { IncidentState } from './incident-state';
import { DEFAULT_AUTO_RESOLVE, type AutoResolve } from './incident-values';
import { ACTIVE_STATUSES, type IncidentStatus } from './lifecycle';

/** What alerts (through intake) ask of an incident: open it, resolve it at the source, reopen it. */

const SOURCE_RESOLVES_IN: Record<AutoResolve, readonly IncidentStatus[]> = {
  always: ACTIVE_STATUSES,
  unacknowledged: ['triggered', 'triaged'],
  never: [],
};

const MINUTE_MS = 60_000;

export const open = (command: OpenIncident, state: IncidentState): IncidentEvent[] => {
  requireLegal(command, state);
  const {
    alertId,
    category,
    customerId,
    dedupKey,
    drill,
    incidentId,
    labels,
    openedAt,
    service,
    severity,
    source,
    title,
  } = command.data;
  return [
    {
      type: 'IncidentOpened',
      // Keys in canonical order, the labels' too: the event store hashes the event of each new incident, and an
      // alert storm of new groups opens thousands a second, by JSON.stringify then instead of sorting every key.
      data: {
        alertId: alertId ?? null,
        category: category ?? null,
        customerId,
        dedupKey,
        drill: drill ?? false,
        incidentId,
        labels: inKeyOrder(labels),
        openedAt,
        service,
        severity: severity ?? null,
        source,
        title,
      },
    },
  ];
};

/** A copy with its keys in ascending order (canonical JSON's); none given is none (`{}`). */
function inKeyOrder(record: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const copy: Record<string, string> = {};
  if (!record) return copy;
  for (const key of Object.keys(record).sort()) copy[key] = record[key] as string;
  return copy;
}

export const resolveAtSource = (command: ResolveAlertAtSource, state: IncidentState): IncidentEvent[] => {
  const incident = requireLegal(command, state);
  const { incidentId, alertId, allAlertsResolved, autoResolve, reviewRequired, resolvedAt } = command.data;
  const events: IncidentEvent[] = [
    { type: 'AlertResolvedAtSource', data: { incidentId, alertId: alertId ?? null, allAlertsResolved, resolvedAt } },
  ];
  // The integration's policy says whether the source's word resolves the incident (no_action and
  // returned_to_customer are settled by triage: there the source's resolve is only recorded).
  if (allAlertsResolved && SOURCE_RESOLVES_IN[autoResolve ?? DEFAULT_AUTO_RESOLVE].includes(incident.status)) {
    const summary = 'every alert resolved at the source';
    events.push({
      type: 'IncidentResolved',
      data: {
        incidentId,
        cause: 'source',
        resolvedBy: incident.source,
        summary,
        reviewRequired: reviewRequired ?? true,
        resolvedAt,
      },
    });
  }
  return events;
};

export const reopen = (command: ReopenIncident, state: IncidentState): IncidentEvent[] => {
  const incident = requireLegal(command, state);
  const { incidentId, alertId, reopenWindowMinutes, reopenedAt } = command.data;
  // A settled incident (no action, returned to the customer) reopens on the customer's reply, counted from triage's decision.
  const since = incident.status === 'resolved' ? incident.resolvedAt : incident.disposition.decidedAt;
  const windowEnd = Date.parse(since) + reopenWindowMinutes * MINUTE_MS;
  if (Date.parse(reopenedAt) > windowEnd) {
    reject(command, state, `the reopen window of ${reopenWindowMinutes} minutes after ${since} has passed`);
  }
  const reopenCount = incident.reopenCount + 1;
  const alertCount = incident.alertCount + 1;
  return [
    { type: 'IncidentReopened', data: { incidentId, alertId: alertId ?? null, reopenCount, alertCount, reopenedAt } },
  ];
};
