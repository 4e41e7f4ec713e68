import type { Contact, NotificationMessage } from './message';
import type { ChannelKind, DeliveryOutcome } from './outcome';

export interface DeliveryOptions {
  /**
   * Derived by the caller from what the message is (incident, level, attempt, target) and never from the moment
   * of sending, so a re-delivery after a crash carries the same key and a receiver that honours it sees one
   * message: the `Idempotency-Key` header, the PagerDuty `dedup_key`, the e-mail `Message-ID`.
   */
  readonly idempotencyKey: string;
}

/** One way of delivering a message. `deliver` resolves with the outcome; it rejects only on a programming error. */
export interface Channel {
  readonly kind: ChannelKind;
  /** Whether this channel delivers to the contact (an `email` channel takes `email` contacts, and so on). */
  accepts(contact: Contact): boolean;
  deliver(message: NotificationMessage, options: DeliveryOptions): Promise<DeliveryOutcome>;
}

/** The channel each contact kind goes through; `phone` is an SMS/voice gateway reached by webhook. */
export const CHANNEL_FOR_CONTACT: Readonly<Record<Contact['kind'], ChannelKind>> = {
  email: 'email',
  webhook: 'webhook',
  phone: 'webhook',
  pagerduty: 'pagerduty',
};
