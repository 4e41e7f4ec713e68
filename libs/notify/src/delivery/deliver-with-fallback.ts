import { CHANNEL_FOR_CONTACT, type Channel } from '../channel';
import type { Contact, MessageForTarget, NotificationMessage } from '../message';
import type { DeliveryOutcome, FailedOutcome } from '../outcome';
import { DEFAULT_DELIVERY_RETRY, deliveryBackoffMs, type DeliveryRetryPolicy } from './retry-policy';

/** One try at one contact, in the order made. The caller records each (PageDelivered / PageFailed). */
export interface DeliveryAttempt {
  /** 1-based position of the contact in the target's contact methods. */
  readonly contactIndex: number;
  /** 1-based try at this contact. */
  readonly attempt: number;
  readonly outcome: DeliveryOutcome;
}

export type DeliveryResult =
  | { readonly status: 'delivered'; readonly attempts: readonly DeliveryAttempt[]; readonly delivered: DeliveryAttempt }
  | { readonly status: 'failed'; readonly attempts: readonly DeliveryAttempt[] };

export interface DeliverToTargetOptions {
  readonly idempotencyKey: string;
  readonly retry?: DeliveryRetryPolicy;
  /** Called after every attempt, before any wait: lets the caller record an outcome as soon as it is known. */
  readonly onAttempt?: (attempt: DeliveryAttempt) => void | Promise<void>;
  /** Injectable for tests; a real wait by default. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Delivers `message` to the first of `contacts` that takes it: each contact is tried up to the policy's
 * attempts while its failures are retryable, then the next contact, in the directory's order. Every contact
 * gets the same idempotency key: the key names the page, not the route it took, so a re-delivery after a crash
 * (which walks the contacts again from the first) is recognised by whichever receiver already has it.
 * A contact no channel accepts is a non-retryable failure, recorded like any other, never skipped silently.
 */
export async function deliverWithFallback(
  channels: readonly Channel[],
  message: MessageForTarget,
  contacts: readonly Contact[],
  options: DeliverToTargetOptions,
): Promise<DeliveryResult> {
  const retry = options.retry ?? DEFAULT_DELIVERY_RETRY;
  const sleep = options.sleep ?? realSleep;
  const attempts: DeliveryAttempt[] = [];
  for (const [index, contact] of contacts.entries()) {
    const channel = channels.find((candidate) => candidate.accepts(contact));
    const addressed: NotificationMessage = { ...message, recipient: { ...message.recipient, contact } };
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      const outcome = channel
        ? await channel.deliver(addressed, { idempotencyKey: options.idempotencyKey })
        : noChannel(contact, options.idempotencyKey);
      const made: DeliveryAttempt = { contactIndex: index + 1, attempt, outcome };
      attempts.push(made);
      await options.onAttempt?.(made);
      if (outcome.status === 'delivered') return { status: 'delivered', attempts, delivered: made };
      if (!outcome.retryable || attempt === retry.maxAttempts) break;
      await sleep(deliveryBackoffMs(retry, attempt, options.random));
    }
  }
  return { status: 'failed', attempts };
}

function noChannel(contact: Contact, idempotencyKey: string): FailedOutcome {
  return {
    status: 'failed',
    // The channel it would have taken, so the recorded failure names a route an operator can configure.
    channel: CHANNEL_FOR_CONTACT[contact.kind],
    contact,
    idempotencyKey,
    retryable: false,
    reason: `no ${contact.kind} channel is configured`,
  };
}

/**
 * One line for a failed delivery's event: each contact's last failure, in order, with how many tries it got
 * (`webhook: webhook receiver answered 503 (3 tries); email: SMTP 550: …`). Addresses are left out: a
 * webhook URL often holds its own secret.
 */
export function failureSummary(attempts: readonly DeliveryAttempt[]): string {
  const lastPerContact = new Map<number, DeliveryAttempt>();
  for (const attempt of attempts) lastPerContact.set(attempt.contactIndex, attempt);
  const parts = [...lastPerContact.values()].map(({ attempt, outcome }) => {
    const reason = outcome.status === 'failed' ? outcome.reason : 'delivered';
    return `${outcome.contact.kind}: ${reason}${attempt > 1 ? ` (${attempt} tries)` : ''}`;
  });
  return parts.length > 0 ? parts.join('; ') : 'no contact method to deliver to';
}
