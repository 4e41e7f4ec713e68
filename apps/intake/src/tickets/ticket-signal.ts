import type { Integration } from '@incident/contracts';
import { cleanLabels, groupKeyFor, textOr, type AlertSignal } from '../ingest/alert-signal';
import type { TicketDto } from '@incident/contracts';

/** A ticket opens its own incident: its priority is the severity, its kind a label triage routes by. */
export function ticketSignal(
  ticket: TicketDto,
  ticketId: string,
  integration: Integration,
  correlationId: string,
): AlertSignal {
  const labels = cleanLabels({ kind: ticket.kind, reportedBy: ticket.reportedBy, ticketId });
  return {
    integration,
    action: 'fire',
    dedupKey: ticketId,
    groupKey: groupKeyFor([], ticketId, labels),
    source: 'ticket',
    customerId: integration.customerId === '*' ? ticket.customer : integration.customerId,
    service: textOr(ticket.service, integration.service),
    title: textOr(ticket.subject, ticketId),
    category: integration.defaultCategory,
    severity: ticket.priority,
    labels,
    correlationId,
  };
}
