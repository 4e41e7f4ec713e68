import { isCommandLegalIn, type IncidentCommand } from '@incident/domain';
import type { AlertSignal } from './alert-signal';
import { onlyOneFiring, type IncidentView } from './incident-view';

const MINUTE_MS = 60_000;

/**
 * A firing alert needs a new incident when its group has none, or the last one is past reopening: in review,
 * closed, or resolved longer ago than the reopen window.
 */
export function needsNewIncident(view: IncidentView, nowIso: string, reopenWindowMinutes: number): boolean {
  const { state } = view;
  if (state.status === 'in_review' || state.status === 'closed') return true;
  if (state.status === 'resolved') {
    return Date.parse(nowIso) > Date.parse(state.resolvedAt) + reopenWindowMinutes * MINUTE_MS;
  }
  return false;
}

/** The command one alert asks of its incident, or null when it changes nothing (a late resolve, a stray ack). */
export function commandFor(
  signal: AlertSignal,
  incidentId: string,
  view: IncidentView,
  nowIso: string,
  reopenWindowMinutes: number,
): IncidentCommand | null {
  const { status } = view.state;
  const alertId = signal.dedupKey;
  switch (signal.action) {
    case 'fire':
      if (status === 'initial') {
        return {
          type: 'OpenIncident',
          data: {
            incidentId,
            dedupKey: signal.dedupKey,
            source: signal.source,
            customerId: signal.customerId,
            service: signal.service,
            title: signal.title,
            category: signal.category,
            ...(signal.severity ? { severity: signal.severity } : {}),
            labels: signal.labels,
            // A `drill=true` label marks a drill everywhere (issue 14): kept out of SLA figures, no customer told.
            ...(signal.labels['drill'] === 'true' && { drill: true }),
            alertId,
            openedAt: nowIso,
          },
        };
      }
      if (status === 'resolved') {
        return { type: 'ReopenIncident', data: { incidentId, alertId, reopenWindowMinutes, reopenedAt: nowIso } };
      }
      if (isCommandLegalIn('CorrelateAlert', status)) {
        return { type: 'CorrelateAlert', data: { incidentId, alertId, receivedAt: nowIso } };
      }
      return null;
    case 'resolve':
      if (!isCommandLegalIn('ResolveAlertAtSource', status) || view.firing.get(alertId) !== true) return null;
      return {
        type: 'ResolveAlertAtSource',
        data: {
          incidentId,
          alertId,
          allAlertsResolved: onlyOneFiring(view, alertId),
          autoResolve: signal.integration.autoResolve,
          resolvedAt: nowIso,
        },
      };
    case 'acknowledge':
      // A source's acknowledge never takes an acknowledged incident over from a person (that needs an escalation).
      if (status === 'acknowledged' || !isCommandLegalIn('AcknowledgeIncident', status)) return null;
      return {
        type: 'AcknowledgeIncident',
        data: { incidentId, responderId: `integration:${signal.integration.id}`, acknowledgedAt: nowIso },
      };
  }
}
