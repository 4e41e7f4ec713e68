/** How often one contact is tried, and how long to wait between tries, before the walk moves to the next one. */
export interface DeliveryRetryPolicy {
  /** Attempts per contact, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Kept short on purpose: a page is urgent and the next contact method may well work, so a contact gets three
 * tries within a few seconds rather than minutes. Between levels, the escalation policy's delay is the long wait.
 */
export const DEFAULT_DELIVERY_RETRY: DeliveryRetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 5_000 };

/**
 * The wait before attempt `attempt + 1` of a contact: the base doubling per attempt up to the maximum, with
 * ±25 % jitter (capped) so that pages failing together (a receiver's outage) do not retry together.
 * `random` is injectable for tests.
 */
export function deliveryBackoffMs(
  policy: DeliveryRetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (0.75 + random() * 0.5);
  return Math.round(Math.min(policy.maxDelayMs, jittered));
}
