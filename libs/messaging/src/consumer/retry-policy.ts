import { isIncidentDomainError } from '@incident/domain';
import { InvalidIncidentEventMessage } from '../incident-event-message';

/**
 * Thrown by a handler for an event it can never apply (a rule says no, the data cannot be used): retrying
 * would fail the same way, so the event goes to the dead-letter topic at once instead of after every attempt.
 */
export class PermanentError extends Error {
  override readonly name: string = 'PermanentError';
}

/**
 * Permanent: retrying cannot help. The domain's refusals are: an invalid command (IncidentValidationError), a
 * command the incident's status forbids (IllegalTransitionError) or a history that does not fold
 * (UnexpectedEventError) is decided the same way on every attempt, so it is dead-lettered at once with its
 * reason. Everything else is presumed transient (a lock, a timeout, a restart), a lost race above all: the
 * command handler's ConcurrencyConflict and the store's WrongExpectedRevision are retried with backoff, and
 * the retry re-reads the stream.
 */
export function isPermanentFailure(error: unknown): boolean {
  return (
    error instanceof PermanentError || error instanceof InvalidIncidentEventMessage || isIncidentDomainError(error)
  );
}

export interface BackoffOptions {
  /** Delay before the second attempt, before jitter; it doubles with every further attempt. */
  readonly baseMs: number;
  /** Ceiling of any one delay, so a long run of failures never waits unboundedly. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/**
 * How long to wait after `failedAttempt` (1-based) failed: exponential, capped, with "equal jitter" — half
 * the capped delay is fixed and half random — so replicas that failed together do not retry in lockstep, yet
 * a retry never comes back almost immediately the way full jitter allows.
 */
export function backoffDelay(
  failedAttempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.floor(failedAttempt) - 1);
  const capped = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 30));
  const half = capped / 2;
  return Math.round(half + random() * half);
}
