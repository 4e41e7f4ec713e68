import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  readonly correlationId: string;
}

/**
 * Carries the correlation id of the request (or message) being handled through every await, so a log line
 * written deep in a service names the request that caused it without passing ids by hand.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentCorrelationId(): string | undefined {
  return requestContext.getStore()?.correlationId;
}
