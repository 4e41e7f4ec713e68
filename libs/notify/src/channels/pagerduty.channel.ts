import type { Channel, DeliveryOptions } from '../channel';
import type { Contact, MessageSeverity, NotificationMessage } from '../message';
import type { DeliveryOutcome } from '../outcome';
import { postJson } from './http-post';

export interface PagerDutyChannelSettings {
  /** The Events API v2 base URL: `https://events.pagerduty.com`, or any compatible receiver (our intake). */
  readonly eventsUrl: string;
  /** The `source` PagerDuty shows: which system raised the event. */
  readonly source?: string;
  readonly timeoutMs?: number;
}

const SEVERITY: Readonly<Record<MessageSeverity, 'critical' | 'error' | 'warning' | 'info'>> = {
  urgent: 'critical',
  high: 'error',
  normal: 'warning',
  low: 'info',
};

/**
 * Pages through PagerDuty Events v2 (`POST /v2/enqueue`, event_action `trigger`) to `pagerduty` contacts, whose
 * address is the routing key of the service that pages them. The idempotency key is the `dedup_key`: PagerDuty
 * folds a repeated trigger with the same key into the open alert instead of paging again.
 */
export class PagerDutyChannel implements Channel {
  readonly kind = 'pagerduty' as const;

  constructor(private readonly settings: PagerDutyChannelSettings) {}

  accepts(contact: Contact): boolean {
    return contact.kind === 'pagerduty';
  }

  async deliver(message: NotificationMessage, options: DeliveryOptions): Promise<DeliveryOutcome> {
    const { contact } = message.recipient;
    const event = {
      routing_key: contact.address,
      event_action: 'trigger',
      dedup_key: options.idempotencyKey,
      payload: {
        summary: message.subject.slice(0, 1024),
        source: this.settings.source ?? 'incident-platform',
        severity: SEVERITY[message.severity ?? 'high'],
        ...(message.details?.['service'] !== undefined && { component: String(message.details['service']) }),
        custom_details: {
          text: message.text,
          recipient: message.recipient.id,
          ...(message.incidentId !== undefined && { incident_id: message.incidentId }),
          ...message.details,
        },
      },
      links: message.links.map((link) => ({ href: link.url, text: link.label })),
    };
    const url = `${this.settings.eventsUrl.replace(/\/+$/, '')}/v2/enqueue`;
    const request = { url, body: JSON.stringify(event), headers: {} };
    const settings = { timeoutMs: this.settings.timeoutMs ?? 10_000 };
    const { outcome, responseText } = await postJson(this.kind, contact, options.idempotencyKey, request, settings);
    if (outcome.status !== 'delivered') return outcome;
    // PagerDuty answers with the dedup key it filed the event under; record that, not ours, if it differs.
    return {
      ...outcome,
      receipt: { ...outcome.receipt, reference: dedupKeyOf(responseText) ?? options.idempotencyKey },
    };
  }
}

function dedupKeyOf(responseText: string): string | undefined {
  try {
    const parsed = JSON.parse(responseText) as { dedup_key?: unknown };
    return typeof parsed.dedup_key === 'string' ? parsed.dedup_key : undefined;
  } catch {
    return undefined;
  }
}
