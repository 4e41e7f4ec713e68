import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/**
 * Hands a handler's error to the transport exactly as thrown. Nest's default RPC exception filter replaces
 * any error that is not an RpcException with `{ status: 'error', message: 'Internal server error' }`, and
 * the consumer could then no longer tell an IncidentValidationError (dead-letter it now, with its message)
 * from a lost connection (retry). connectIncidentEvents installs it on the transport's microservice only, so
 * HTTP error handling is untouched; a method's or controller's own filters still run before it.
 */
@Catch()
export class IncidentEventHandlerErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/** What Nest's default filter leaves of an error; the transport explains it instead of passing it on. */
export function isFlattenedByNest(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || error instanceof Error) return false;
  const { status, message } = error as { status?: unknown; message?: unknown };
  return status === 'error' && typeof message === 'string';
}
