import { createHash, randomUUID } from 'node:crypto';
import {
  AlertmanagerWebhookDto,
  GenericAlertDto,
  type InboundFormat,
  type Integration,
  PagerDutyEventDto,
  TicketDto,
} from '@incident/contracts';
import { alertmanagerSignal } from '../alertmanager/alertmanager-signal';
import { genericAlertSignal } from '../generic/generic-alert-signal';
import { validateBody } from '../http/validate-body';
import type { AlertSignal } from '../ingest/alert-signal';
import { pagerDutySignal } from '../pagerduty/pagerduty-signal';
import { ticketSignal } from '../tickets/ticket-signal';

export interface ParsedInbound {
  /** PagerDuty events carry their key in the body; the others in the `integration-key` header. */
  readonly bodyKey: string | undefined;
  readonly signals: (integration: Integration) => AlertSignal[];
}

/**
 * Validates one record's body as its format; throws InvalidEvent naming every bad field. Ids the record does
 * not carry (a PagerDuty trigger's dedup key, a ticket's id) derive from `recordId`, its topic position, so a
 * redelivered record lands on the same incident instead of opening a second one.
 */
export async function parseInbound(format: InboundFormat, body: unknown, recordId: string): Promise<ParsedInbound> {
  const correlationId = randomUUID();
  const derivedId = createHash('sha256').update(recordId).digest('hex').slice(0, 32);
  switch (format) {
    case 'pagerduty': {
      const event = await validateBody(PagerDutyEventDto, body);
      const dedupKey = event.dedup_key ?? derivedId;
      return {
        bodyKey: event.routing_key,
        signals: (integration) => [pagerDutySignal(event, dedupKey, integration, correlationId)],
      };
    }
    case 'alertmanager': {
      const webhook = await validateBody(AlertmanagerWebhookDto, body);
      return {
        bodyKey: undefined,
        signals: (integration) =>
          webhook.alerts.map((alert) => alertmanagerSignal(webhook, alert, integration, correlationId)),
      };
    }
    case 'generic': {
      const alert = await validateBody(GenericAlertDto, body);
      return { bodyKey: undefined, signals: (integration) => [genericAlertSignal(alert, integration, correlationId)] };
    }
    case 'ticket': {
      const ticket = await validateBody(TicketDto, body);
      const ticketId = `ticket-${derivedId}`;
      return {
        bodyKey: undefined,
        signals: (integration) => [ticketSignal(ticket, ticketId, integration, correlationId)],
      };
    }
  }
}
