import { createHash, randomUUID } from 'node:crypto';
import { alertmanagerSignal } from '../alertmanager/alertmanager-signal';
import { AlertmanagerWebhookDto } from '../alertmanager/alertmanager-webhook.dto';
import { GenericAlertDto } from '../generic/generic-alert.dto';
import { genericAlertSignal } from '../generic/generic-alert-signal';
import { validateBody } from '../http/validate-body';
import type { AlertSignal } from '../ingest/alert-signal';
import type { Integration } from '../integrations/integration';
import { PagerDutyEventDto } from '../pagerduty/pagerduty-event.dto';
import { pagerDutySignal } from '../pagerduty/pagerduty-signal';
import { TicketDto } from '../tickets/ticket.dto';
import { ticketSignal } from '../tickets/ticket-signal';

/** The `format` header of an `alerts.inbound` record names one of the HTTP formats. */
export const INBOUND_FORMATS = ['pagerduty', 'alertmanager', 'generic', 'ticket'] as const;
export type InboundFormat = (typeof INBOUND_FORMATS)[number];

export const isInboundFormat = (value: string | undefined): value is InboundFormat =>
  (INBOUND_FORMATS as readonly (string | undefined)[]).includes(value);

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
