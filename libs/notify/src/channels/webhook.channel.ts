import type { Channel, DeliveryOptions } from '../channel';
import type { Contact, NotificationMessage } from '../message';
import type { DeliveryOutcome } from '../outcome';
import { postJson } from './http-post';
import { slackText } from './slack-text';
import { IDEMPOTENCY_KEY_HEADER, SIGNATURE_HEADER, signWebhookBody } from './webhook-signature';

export interface WebhookChannelSettings {
  /** Shared with the receivers, who check SIGNATURE_HEADER with verifyWebhookSignature. */
  readonly signingSecret: string;
  readonly timeoutMs?: number;
  readonly clock?: () => Date;
}

/** What a webhook receiver gets. `text` is Slack's field, so a Slack (or compatible) incoming webhook shows it. */
export interface WebhookPayload {
  readonly text: string;
  readonly kind: NotificationMessage['kind'];
  readonly subject: string;
  readonly body: string;
  readonly incidentId?: string;
  readonly severity?: NotificationMessage['severity'];
  readonly recipient: { readonly id: string; readonly name?: string };
  readonly links: NotificationMessage['links'];
  readonly details?: NotificationMessage['details'];
  readonly idempotencyKey: string;
  readonly sentAt: string;
}

/** Delivers to `webhook` contacts and to `phone` contacts (an SMS/voice gateway's URL). */
export class WebhookChannel implements Channel {
  readonly kind = 'webhook' as const;
  private readonly clock: () => Date;

  constructor(private readonly settings: WebhookChannelSettings) {
    this.clock = settings.clock ?? (() => new Date());
  }

  accepts(contact: Contact): boolean {
    return contact.kind === 'webhook' || contact.kind === 'phone';
  }

  async deliver(message: NotificationMessage, options: DeliveryOptions): Promise<DeliveryOutcome> {
    const now = this.clock();
    const { recipient } = message;
    const payload: WebhookPayload = {
      text: slackText(message),
      kind: message.kind,
      subject: message.subject,
      body: message.text,
      incidentId: message.incidentId,
      severity: message.severity,
      recipient: { id: recipient.id, name: recipient.name },
      links: message.links,
      details: message.details,
      idempotencyKey: options.idempotencyKey,
      sentAt: now.toISOString(),
    };
    const body = JSON.stringify(payload);
    const headers = {
      [SIGNATURE_HEADER]: signWebhookBody(this.settings.signingSecret, body, now),
      [IDEMPOTENCY_KEY_HEADER]: options.idempotencyKey,
    };
    const request = { url: recipient.contact.address, body, headers };
    const settings = { timeoutMs: this.settings.timeoutMs ?? 10_000 };
    return (await postJson('webhook', recipient.contact, options.idempotencyKey, request, settings)).outcome;
  }
}
