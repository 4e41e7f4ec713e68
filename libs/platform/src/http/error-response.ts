import { HttpException, HttpStatus } from '@nestjs/common';

/** What an error becomes over HTTP: status, body and, for a conflict worth retrying, when to retry. */
export interface ErrorResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly retryAfterSeconds?: number;
  /** True for the 500s: an error nobody meant to throw, logged with its stack (never sent). */
  readonly unexpected: boolean;
}

/** How long a client should wait before retrying a command that lost a race for the incident's stream. */
export const CONFLICT_RETRY_AFTER_SECONDS = 1;

/**
 * The platform is a utility library and must not import the domain or the event store (Nx boundaries), so
 * their errors are recognised by their `name` and the fields they are documented to carry.
 */
const named = (error: unknown, name: string): error is Error & Record<string, unknown> =>
  error instanceof Error && error.name === name;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function errorResponse(error: unknown, correlationId: string): ErrorResponse {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const body = typeof response === 'string' ? { statusCode: error.getStatus(), message: response } : response;
    return { status: error.getStatus(), body: body as Record<string, unknown>, unexpected: false };
  }
  if (named(error, 'IllegalTransitionError')) {
    const details = { command: text(error['commandType']), currentStatus: text(error['status']) };
    return expected(HttpStatus.CONFLICT, 'Conflict', error.message, correlationId, details);
  }
  if (named(error, 'IncidentValidationError')) {
    const details = { command: text(error['commandType']), field: text(error['field']) };
    return expected(HttpStatus.BAD_REQUEST, 'Bad Request', error.message, correlationId, details);
  }
  if (named(error, 'StreamNotFound') || named(error, 'NotInScopeError')) {
    return expected(HttpStatus.NOT_FOUND, 'Not Found', error.message, correlationId);
  }
  if (named(error, 'ConcurrencyConflict') || named(error, 'WrongExpectedRevision')) {
    const message = 'the incident changed while the command was decided; retry';
    const response = expected(HttpStatus.CONFLICT, 'Conflict', message, correlationId);
    return { ...response, retryAfterSeconds: CONFLICT_RETRY_AFTER_SECONDS };
  }
  // Anything else is a bug or an outage: say which request, so the logs can be found, and nothing more.
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error', correlationId },
    unexpected: true,
  };
}

function expected(
  status: number,
  error: string,
  message: string,
  correlationId: string,
  details: Record<string, string | undefined> = {},
): ErrorResponse {
  return { status, body: { statusCode: status, error, message, ...details, correlationId }, unexpected: false };
}
