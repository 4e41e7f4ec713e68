import type { Contact } from './message';

export const CHANNEL_KINDS = ['webhook', 'email', 'pagerduty'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What the receiving end acknowledged: an HTTP status, the SMTP reply and Message-ID, PagerDuty's dedup key. */
export interface DeliveryReceipt {
  /** HTTP status (webhook, PagerDuty) or SMTP reply code (e-mail). */
  readonly code?: number;
  /** The e-mail Message-ID or PagerDuty dedup_key the receiver knows this message by. */
  readonly reference?: string;
  /** The receiver's own reply, shortened to one line. */
  readonly response?: string;
}

export interface DeliveredOutcome {
  readonly status: 'delivered';
  readonly channel: ChannelKind;
  readonly contact: Contact;
  readonly idempotencyKey: string;
  readonly receipt: DeliveryReceipt;
}

export interface FailedOutcome {
  readonly status: 'failed';
  readonly channel: ChannelKind;
  readonly contact: Contact;
  readonly idempotencyKey: string;
  /**
   * True when the same attempt may succeed later (connection refused, timeout, 429, 5xx, SMTP 4xx); false when
   * it never will (a 4xx refusal, an SMTP 5xx, an unusable address), so the walk moves to the next contact.
   */
  readonly retryable: boolean;
  /** One line naming what failed, safe to store in an event (no secrets, no bodies). */
  readonly reason: string;
  readonly receipt?: DeliveryReceipt;
}

/** A channel never throws for a delivery problem: every attempt ends in one of these. */
export type DeliveryOutcome = DeliveredOutcome | FailedOutcome;
