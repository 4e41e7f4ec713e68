import type { IncidentStatus } from './lifecycle';

/** Base of every error the incident domain throws on purpose; anything else is a bug. */
export abstract class IncidentDomainError extends Error {
  abstract readonly code: 'ILLEGAL_TRANSITION' | 'INVALID_COMMAND' | 'UNEXPECTED_EVENT';
}

/**
 * The command is not allowed in the incident's current status, or the state forbids it (a remediation nobody
 * proposed, a review not yet published). The API maps it to 409 Conflict; the message names the status.
 */
export class IllegalTransitionError extends IncidentDomainError {
  readonly code = 'ILLEGAL_TRANSITION';
  override readonly name = 'IllegalTransitionError';

  constructor(
    readonly commandType: string,
    readonly status: IncidentStatus,
    readonly reason: string | null = null,
  ) {
    super(`cannot ${commandType}: incident is ${status}${reason === null ? '' : ` (${reason})`}`);
  }
}

/** The command itself is malformed (empty title, negative minutes, unknown category): 400 at the API. */
export class IncidentValidationError extends IncidentDomainError {
  readonly code = 'INVALID_COMMAND';
  override readonly name = 'IncidentValidationError';

  constructor(
    readonly commandType: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`invalid ${commandType}: ${field} ${problem}`);
  }
}

/**
 * `evolve` met an event that cannot follow the current state. Decide never produces such a history, so the
 * stream was written by something else or is being replayed out of order; failing loudly protects auditors.
 */
export class UnexpectedEventError extends IncidentDomainError {
  readonly code = 'UNEXPECTED_EVENT';
  override readonly name = 'UnexpectedEventError';

  constructor(
    readonly eventType: string,
    readonly status: IncidentStatus,
  ) {
    super(`event ${eventType} cannot follow an incident that is ${status}`);
  }
}

export const isIncidentDomainError = (error: unknown): error is IncidentDomainError =>
  error instanceof IncidentDomainError;
