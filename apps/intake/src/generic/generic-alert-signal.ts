import type { Integration } from '@incident/contracts';
import { cleanLabels, groupKeyFor, stableDedupKey, textOr, type AlertSignal } from '../ingest/alert-signal';
import { categoryFrom, severityFrom } from '../ingest/severity';
import type { GenericAlertDto } from '@incident/contracts';

export function genericAlertSignal(
  alert: GenericAlertDto,
  integration: Integration,
  correlationId: string,
): AlertSignal {
  const labels = cleanLabels(alert.labels);
  const dedupKey = alert.dedupKey ?? stableDedupKey(alert.source, labels);
  // group_by may name the top-level fields too, as if they were labels.
  const grouping = cleanLabels({
    ...labels,
    source: alert.source,
    service: alert.service,
    customer: alert.customer,
    category: alert.category,
  });
  return {
    integration,
    action: alert.status === 'firing' ? 'fire' : 'resolve',
    dedupKey,
    groupKey: groupKeyFor(integration.groupBy, dedupKey, grouping),
    source: textOr(alert.source, integration.source),
    customerId: integration.customerId === '*' ? textOr(alert.customer, 'unknown') : integration.customerId,
    service: textOr(alert.service, integration.service),
    title: textOr(alert.title, dedupKey),
    category: categoryFrom(alert.category, integration.defaultCategory),
    severity: severityFrom(alert.severity),
    labels,
    correlationId,
  };
}
