import type { Integration } from '@incident/contracts';
import { cleanLabels, groupKeyFor, textOr, type AlertSignal } from '../ingest/alert-signal';
import { categoryFrom, severityFrom } from '../ingest/severity';
import type { AlertmanagerAlertDto, AlertmanagerWebhookDto } from '@incident/contracts';

/** One alert of the group, by its fingerprint; its own status decides, not the group's. */
export function alertmanagerSignal(
  webhook: AlertmanagerWebhookDto,
  alert: AlertmanagerAlertDto,
  integration: Integration,
  correlationId: string,
): AlertSignal {
  const labels = cleanLabels(alert.labels);
  const annotations = cleanLabels({ ...webhook.commonAnnotations, ...alert.annotations });
  return {
    integration,
    action: alert.status === 'firing' ? 'fire' : 'resolve',
    dedupKey: alert.fingerprint,
    groupKey: groupKeyFor(integration.groupBy, alert.fingerprint, labels),
    source: textOr(labels['job'] ?? webhook.receiver, integration.source),
    customerId: integration.customerId === '*' ? textOr(labels['customer'], 'unknown') : integration.customerId,
    service: textOr(labels['service'], integration.service),
    title: textOr(annotations['summary'] ?? labels['alertname'], alert.fingerprint),
    category: categoryFrom(labels['category'], integration.defaultCategory),
    severity: severityFrom(labels['severity']),
    labels,
    correlationId,
  };
}
