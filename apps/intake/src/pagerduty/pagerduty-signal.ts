import type { Integration } from '@incident/contracts';
import { cleanLabels, groupKeyFor, textOr, type AlertSignal } from '../ingest/alert-signal';
import { categoryFrom, severityFrom } from '../ingest/severity';
import type { PagerDutyEventDto } from '@incident/contracts';

const ACTIONS = { trigger: 'fire', acknowledge: 'acknowledge', resolve: 'resolve' } as const;

/**
 * PagerDuty's dedup key names the incident itself (acknowledge and resolve carry nothing else), so events of
 * this format group by their dedup key, whatever the integration's group_by says.
 */
export function pagerDutySignal(
  event: PagerDutyEventDto,
  dedupKey: string,
  integration: Integration,
  correlationId: string,
): AlertSignal {
  const payload = event.payload;
  const details = cleanLabels(payload?.custom_details);
  const labels = cleanLabels({
    ...details,
    source: payload?.source,
    component: payload?.component,
    group: payload?.group,
    class: payload?.class,
    severity: payload?.severity,
  });
  return {
    integration,
    action: ACTIONS[event.event_action],
    dedupKey,
    groupKey: groupKeyFor([], dedupKey, labels),
    source: textOr(payload?.source, integration.source),
    customerId: integration.customerId === '*' ? textOr(details['customer'], 'unknown') : integration.customerId,
    service: textOr(payload?.component, integration.service),
    title: textOr(payload?.summary, dedupKey),
    category: categoryFrom(payload?.class, integration.defaultCategory),
    severity: severityFrom(payload?.severity),
    labels,
    correlationId,
  };
}
