/**
 * How a timer whose handler failed is retried. Attempts count claims, not only handler errors: a replica that
 * died holding a timer used an attempt too, so a timer that kills its process every time still ends up
 * `failed` (visible) instead of crashing replicas forever.
 */
export interface RetryPolicy {
  /** Attempts before a timer is marked failed; the first firing is attempt 1. */
  readonly maxAttempts: number;
  /** Wait after the first failure; each further failure doubles it. */
  readonly baseDelayMs: number;
  /** No single wait is longer than this. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 };

export type AfterFailure = { readonly action: 'retry'; readonly delayMs: number } | { readonly action: 'give_up' };

/**
 * What to do after `attempt` (1-based) failed. The wait grows exponentially up to the cap and is spread by
 * ±25 % so the timers of one burst that failed together (a database restart) do not all retry in the same
 * instant; the cap bounds the spread as well, so the wait never exceeds `maxDelayMs`.
 */
export function afterFailure(attempt: number, policy: RetryPolicy, random: () => number = Math.random): AfterFailure {
  if (attempt >= policy.maxAttempts) return { action: 'give_up' };
  const doublings = Math.min(Math.max(attempt - 1, 0), 40);
  const nominal = Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs);
  const spread = nominal * (0.75 + random() * 0.5);
  return { action: 'retry', delayMs: Math.round(Math.min(spread, policy.maxDelayMs)) };
}

/**
 * A claim beyond the last attempt: the earlier claims' leases ran out without an outcome (the replicas
 * holding them died or hung), so the timer is marked failed rather than fired once more.
 */
export function exceedsAttempts(attempt: number, policy: RetryPolicy): boolean {
  return attempt > policy.maxAttempts;
}

/**
 * How long the loop may sleep: until the next timer is ready, but never past the poll interval (another
 * process may schedule one without a notification reaching us) and never negative.
 */
export function sleepBeforeNextRound(msUntilNextReady: number | undefined, pollIntervalMs: number): number {
  if (msUntilNextReady === undefined) return pollIntervalMs;
  return Math.min(Math.max(Math.ceil(msUntilNextReady), 0), pollIntervalMs);
}
